/**
 * The timeline's story-telling and the keyboard in a real chromium, against a
 * real bridge watching a QMP simulator whose events the test emits: a migration
 * drawn as one band with its passes, WATCHDOG→RESET and SHUTDOWN→STOP linked,
 * GUEST_PANICKED labelled in words, ages that tick, and a time range chosen,
 * zoomed and panned without a mouse.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startQmpSimulator, type QmpSimulator } from '@qmpscope/qmp-sim';
import type { StoredEvent } from '@qmpscope/events';
import { BridgeProcess } from './harness/bridgeProcess.js';
import { waitFor } from './harness/waitFor.js';
import { chromiumAvailable, CHROMIUM, launchChromium, screenshotPath } from './harness/browser.js';

if (!chromiumAvailable) console.warn(`SKIPPED: browser e2e needs ${CHROMIUM} (apt install chromium); CI installs it.`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rowCount = async (page: Page) => Number(await page.getByRole('grid', { name: 'Events' }).getAttribute('aria-rowcount')) - 1;

describe.skipIf(!chromiumAvailable)('timeline relations, times and keyboard (simulated VM)', () => {
  let dir: string;
  let sim: QmpSimulator;
  let bridge: BridgeProcess;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const EMITTED = 13;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'qmpscope-tl-'));
    sim = await startQmpSimulator({ listen: `unix:${join(dir, 'sim.qmp')}`, name: 'sim', scenario: 'idle' });
    bridge = new BridgeProcess(['--vm', `sim=unix:${join(dir, 'sim.qmp')}`]);
    await bridge.start();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (err) => pageErrors.push(String(err)));
    await page.goto(bridge.url);
    await waitFor('the bridge to connect to the simulator', () => (sim.clients > 0 ? true : undefined), 10_000);
    await sleep(500); // negotiation finishes after the connection is counted
    // Spread over ~2 s so the band has a width, the links' pairs stay µs apart as QEMU sends them.
    sim.emit('MIGRATION', { status: 'setup' });
    await sleep(150);
    sim.emit('MIGRATION', { status: 'active' });
    for (const pass of [1, 2, 3]) {
      await sleep(200);
      sim.emit('MIGRATION_PASS', { pass });
    }
    await sleep(200);
    sim.emit('MIGRATION', { status: 'completed' });
    await sleep(400);
    sim.emit('WATCHDOG', { action: 'reset' });
    sim.emit('RESET', { guest: false, reason: 'watchdog' });
    await sleep(400);
    sim.emit('SHUTDOWN', { guest: true, reason: 'guest-shutdown' });
    sim.emit('STOP');
    await sleep(300);
    sim.emit('RESUME');
    await sleep(200);
    sim.emit('GUEST_PANICKED', { action: 'pause' });
    await sleep(100);
    sim.emit('RESUME');
    await waitFor(`${EMITTED} rows in the list`, async () => ((await rowCount(page)) === EMITTED ? true : undefined), 10_000);
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.dispose();
    await sim?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('tells related events as one story, in the drawing and in its text alternative', async () => {
    const drawing = page.getByRole('group', { name: /^Timeline of \d+ events in 1 VMs/ });
    await expect
      .poll(() => drawing.getAttribute('aria-label'), { timeout: 5000 })
      .toMatch(
        /Timeline of 13 events in 1 VMs\. 1 migration \(sim: setup → completed, 3 passes\); 1 shutdown followed by STOP; 1 watchdog followed by its action; 1 guest panic/,
      );
    const text = (await drawing.textContent()) ?? '';
    expect(text).toMatch(/sim migration: setup → active → completed, 3 passes/);
    expect(text).toMatch(/sim: WATCHDOG → RESET, [\d.]+ (µs|ms) later/);
    expect(text).toMatch(/sim: SHUTDOWN → STOP, .* -no-shutdown/);
    // The panic is said in words, not only by a red shape.
    expect(await drawing.getByText('GUEST PANICKED', { exact: true }).isVisible()).toBe(true);
    // One band from setup to completed, with the three passes drawn inside it.
    const band = await drawing.locator('.mig-band rect').boundingBox();
    const passes = await Promise.all((await drawing.locator('.mig-pass').all()).map((p) => p.boundingBox()));
    expect(passes).toHaveLength(3);
    expect(band?.width).toBeGreaterThan(3);
    for (const p of passes) {
      expect(p?.x).toBeGreaterThanOrEqual(band?.x ?? Infinity);
      expect(p?.x).toBeLessThanOrEqual((band?.x ?? 0) + (band?.width ?? 0));
    }
    await page.getByRole('region', { name: 'Timeline' }).screenshot({ path: screenshotPath('timeline-related') });
  });

  it('shows QEMU time with µs, UTC on hover, and an age that ticks once a second', async () => {
    const api = await bridge.getJson<{ events: StoredEvent[] }>('/api/events?limit=100');
    const first = api.events[0] as StoredEvent;
    const grid = page.getByRole('grid', { name: 'Events' });
    expect(await grid.getByRole('columnheader', { name: 'Age' }).isVisible()).toBe(true);
    const row = grid.locator(`#event-row-${first.seq}`);
    const title = (await row.getByRole('gridcell').first().getAttribute('title')) ?? '';
    const utc = new Date(first.timestamp.seconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
    expect(title).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6} local\n/);
    expect(title).toContain(`${utc}.${String(first.timestamp.microseconds).padStart(6, '0')} UTC`);
    const age = row.locator('.age');
    const before = Number(/(\d+) s ago/.exec((await age.textContent()) ?? '')?.[1]);
    expect(before).toBeGreaterThanOrEqual(1);
    await expect
      .poll(async () => Number(/(\d+) s ago/.exec((await age.textContent()) ?? '')?.[1]), { timeout: 3000 })
      .toBeGreaterThan(before);
  });

  it('zooms, pans and chooses a time range from the keyboard, with focus visible', async () => {
    const drawing = page.getByRole('group', { name: /^Timeline of/ });
    const timeline = page.getByRole('region', { name: 'Timeline' });
    const reset = page.getByRole('button', { name: 'Reset zoom' });
    // Reach the timeline by Tab, as a keyboard user does (the buttons between are disabled: no zoom, no selection).
    await page.getByRole('button', { name: 'Pan later' }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent)).toMatch(
      /^Timeline of/,
    );
    expect(
      await drawing.evaluate(
        (el) => el === document.activeElement && el.matches(':focus-visible') && getComputedStyle(el).outlineStyle !== 'none',
      ),
    ).toBe(true);
    await page.keyboard.press('+');
    expect(await reset.isEnabled()).toBe(true);
    await page.keyboard.press('0');
    expect(await reset.isEnabled()).toBe(false);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => timeline.textContent()).toMatch(/Fixed/);
    await page.keyboard.press('0');

    // Range start at the migration's setup, end at the WATCHDOG: the list keeps exactly those events.
    const grid = page.getByRole('grid', { name: 'Events' });
    await grid.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await page
      .getByRole('region', { name: 'Event detail' })
      .getByRole('heading', { name: /MIGRATION/ })
      .waitFor();
    await drawing.focus();
    await page.keyboard.press('[');
    await expect.poll(() => page.getByLabel('Time range').inputValue()).toBe('custom');
    await grid.focus();
    for (let i = 0; i < 6; i++) await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await page
      .getByRole('region', { name: 'Event detail' })
      .getByRole('heading', { name: /WATCHDOG/ })
      .waitFor();
    await drawing.focus();
    await page.keyboard.press(']');
    // The 6 migration events and WATCHDOG; RESET too when it fell in the same millisecond.
    await expect.poll(() => rowCount(page)).toBeLessThanOrEqual(8);
    expect(await rowCount(page)).toBeGreaterThanOrEqual(7);
    expect(await grid.getByRole('row', { name: /SHUTDOWN|PANICKED/ }).count()).toBe(0);
    expect(page.url()).toMatch(/from=/);
    // The timeline draws the same window as the list.
    const listed = await rowCount(page);
    await expect.poll(() => drawing.getAttribute('aria-label'), { timeout: 3000 }).toMatch(new RegExp(`^Timeline of ${listed} events`));
    await expect.poll(() => timeline.textContent()).toMatch(/Range end set at #\d+ WATCHDOG/);
    await page.screenshot({ path: screenshotPath('timeline-keyboard-range'), fullPage: true });
  });

  it('lists the shortcuts in a dialog opened with ?', async () => {
    await page.getByRole('grid', { name: 'Events' }).focus();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    for (const s of ['Zoom in / out', 'Pan earlier / later', 'Set the time range start at the selected event', 'Next event'])
      expect(text).toContain(s);
    await page.screenshot({ path: screenshotPath('timeline-shortcuts') });
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
  });

  it('draws info events as dots that show their event on hover and select it on click', async () => {
    const drawing = page.getByRole('group', { name: /^Timeline of/ });
    // Info marks are one path per category (no element each): find a dot's place on screen.
    const dot = await page.evaluate(() => {
      const path = document.querySelector<SVGPathElement>('section[aria-label="Timeline"] path.dots');
      const m = /M([\d.-]+) ([\d.-]+)h0/.exec(path?.getAttribute('d') ?? '');
      const ctm = path?.getScreenCTM();
      if (!m || !ctm) return null;
      const at = new DOMPoint(Number(m[1]), Number(m[2])).matrixTransform(ctm);
      return { x: at.x, y: at.y };
    });
    expect(dot, 'an info dot in the timeline').not.toBeNull();
    if (dot === null) return;
    await page.mouse.move(dot.x + 2, dot.y + 1);
    // Hovering puts that event's mark there, with its tooltip.
    const hovered = drawing.locator('.mark.sev-mark-info');
    await hovered.waitFor({ timeout: 3000 });
    expect(await hovered.locator('title').textContent()).toMatch(/^sim .*\[info\]/);
    const seq = await hovered.getAttribute('data-seq');
    await page.mouse.click(dot.x + 2, dot.y + 1);
    await expect.poll(() => new URL(page.url()).searchParams.get('sel')).toBe(seq);
    await page.mouse.move(0, 0);
  });

  it('raised no script errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
