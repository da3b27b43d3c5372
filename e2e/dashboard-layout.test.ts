/**
 * The page as a new user opens it, at 1440×900 and 1920×1080: screenshots into e2e/artifacts,
 * the time-axis views given the width, chart x axes with more than one tick, and no two labels
 * of a chart drawn over each other (migration statuses a few ms apart included).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { startQmpSimulator, type QmpSimulator } from '@qmpscope/qmp-sim';
import { BridgeProcess } from './harness/bridgeProcess.js';
import { waitFor } from './harness/waitFor.js';
import { chromiumAvailable, CHROMIUM, launchChromium, screenshotPath } from './harness/browser.js';

if (!chromiumAvailable) console.warn(`SKIPPED: browser e2e needs ${CHROMIUM} (apt install chromium); CI installs it.`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Box {
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Every non-empty SVG text of the chart, with its box on screen. */
const labelBoxes = (chart: Locator): Promise<Box[]> =>
  chart.evaluate((fig) =>
    Array.from(fig.querySelectorAll('svg text'))
      .map((t) => ({ text: t.textContent ?? '', r: t.getBoundingClientRect() }))
      .filter(({ text, r }) => text.trim() !== '' && r.width > 0)
      .map(({ text, r }) => ({ text, x: r.x, y: r.y, w: r.width, h: r.height })),
  );

/** Pairs of labels whose boxes overlap by more than half a pixel each way. */
function overlaps(boxes: Box[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i] as Box;
      const b = boxes[j] as Box;
      const dx = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
      const dy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      if (dx > 0.5 && dy > 0.5) out.push(`"${a.text}" and "${b.text}"`);
    }
  }
  return out;
}

describe.skipIf(!chromiumAvailable)('layout at common screen sizes (simulated VM)', () => {
  let dir: string;
  let sim: QmpSimulator;
  let bridge: BridgeProcess;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'qmpscope-layout-'));
    sim = await startQmpSimulator({ listen: `unix:${join(dir, 'sim.qmp')}`, name: 'sim', scenario: 'idle' });
    bridge = new BridgeProcess(['--vm', `sim=unix:${join(dir, 'sim.qmp')}`]);
    await bridge.start();
    await waitFor('the bridge to connect to the simulator', () => (sim.clients > 0 ? true : undefined), 10_000);
    await sleep(500); // negotiation finishes after the connection is counted
    // Statuses milliseconds apart: their labels were drawn on top of each other.
    for (const status of ['setup', 'active', 'cancelled', 'active', 'completed']) sim.emit('MIGRATION', { status });
    for (let i = 1; i <= 6; i++) {
      sim.emit('MIGRATION_PASS', { pass: i });
      sim.emit('BALLOON_CHANGE', { actual: i * 256 * 1024 * 1024 });
      sim.emit('RTC_CHANGE', { offset: i * 3, 'qom-path': '/machine/unattached/device[0]' });
      await sleep(700);
    }
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (err) => pageErrors.push(String(err)));
    await page.goto(bridge.url);
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.dispose();
    await sim?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const [width, height] of [
    [1440, 900],
    [1920, 1080],
  ] as const) {
    it(`at ${width}×${height}: the time-axis views get the width, chart labels do not overlap, x axes have ticks`, async () => {
      await page.setViewportSize({ width, height });
      const charts = page.getByRole('region', { name: 'Charts' });
      const migration = charts.getByRole('figure', { name: 'Migration chart' });
      await charts.scrollIntoViewIfNeeded();
      // Drawn: the status lines are labelled (the charts redraw a few times a second at most).
      await expect
        .poll(async () => (await labelBoxes(migration)).filter((b) => /setup|active|cancelled|completed/.test(b.text)).map((b) => b.text), {
          timeout: 30_000,
        })
        .not.toEqual([]);
      await page.screenshot({ path: screenshotPath(`layout-${width}x${height}`) });

      const timeline = await page.getByRole('region', { name: 'Timeline' }).boundingBox();
      expect(timeline?.width ?? 0).toBeGreaterThan(width * 0.6);

      for (const name of ['Balloon memory chart', 'RTC offset chart', 'Migration chart']) {
        const chart = charts.getByRole('figure', { name });
        await expect.poll(async () => (await labelBoxes(chart)).length, { timeout: 20_000 }).toBeGreaterThan(0);
        expect(overlaps(await labelBoxes(chart)), `${name} at ${width}×${height}`).toEqual([]);
        const xTicks = await chart.locator('.recharts-xAxis .recharts-cartesian-axis-tick').count();
        expect(xTicks, `${name} x axis ticks at ${width}×${height}`).toBeGreaterThan(1);
      }
      // The five statuses share an instant: some labelled (stacked), none drawn over another (checked above).
      const statuses = (await labelBoxes(migration)).filter((b) => /setup|active|cancelled|completed/.test(b.text));
      expect(statuses.length).toBeGreaterThanOrEqual(2);
      expect(pageErrors).toEqual([]);
    });
  }
});
