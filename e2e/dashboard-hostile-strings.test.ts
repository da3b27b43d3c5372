/**
 * Strings a QMP peer or a file chooses, in a real chromium against a real bridge: a bidi override
 * is shown as a visible code and reverses nothing, a 50 KB device name and a 200 KB path are drawn
 * capped with a way to see and copy all of them, and importing a file with a 30 MB string keeps the
 * page responsive, skips that line with its reason and keeps the other event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { startQmpSimulator, type QmpSimulator } from '@qmpscope/qmp-sim';
import { BridgeProcess } from './harness/bridgeProcess.js';
import { chromiumAvailable, CHROMIUM, launchChromium, screenshotPath } from './harness/browser.js';

if (!chromiumAvailable) console.warn(`SKIPPED: browser e2e needs ${CHROMIUM} (apt install chromium); CI installs it.`);

const RLO = '\u202E';
const DEVICE = 'd'.repeat(50_000);
const PATH = `/machine/peripheral/${'p'.repeat(200_000)}`;

/**
 * The visual order of "live" inside `el`: true when each of its letters is drawn right of the one
 * before it on the same line (an override draws them right to left, "evil"). A narrow cell may wrap
 * the word, so letters on different lines are not compared; at least one pair must share a line.
 */
async function drawnLeftToRight(el: Locator): Promise<boolean> {
  return el.evaluate((root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
      const at = (n as Text).data.indexOf('live');
      if (at < 0) continue;
      const box = (i: number) => {
        const r = document.createRange();
        r.setStart(n as Text, at + i);
        r.setEnd(n as Text, at + i + 1);
        return r.getBoundingClientRect();
      };
      let compared = 0;
      for (let i = 0; i < 3; i++) {
        const [a, b] = [box(i), box(i + 1)];
        if (Math.abs(a.top - b.top) > 1) continue;
        if (a.left >= b.left) return false;
        compared++;
      }
      return compared > 0;
    }
    throw new Error(`no "live" in ${root.textContent ?? ''}`);
  });
}

/**
 * "display unicode-bidi" of the innermost element holding "live" inside `el`: the peer string's own
 * inline box must isolate it (a block isolates its contents from the page by default, which says
 * nothing of the text beside the string within the same line).
 */
async function bidiOf(el: Locator): Promise<string> {
  return el.evaluate((root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
      if (!(n as Text).data.includes('live')) continue;
      const style = getComputedStyle(n.parentElement as Element);
      return `${style.display} ${style.unicodeBidi}`;
    }
    throw new Error(`no "live" in ${root.textContent ?? ''}`);
  });
}

describe.skipIf(!chromiumAvailable)('hostile strings from QEMU and from files in chromium', () => {
  let sim: QmpSimulator;
  let bridge: BridgeProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let tmp: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'qmpscope-hostile-'));
    sim = await startQmpSimulator({ listen: 'tcp:127.0.0.1:0', name: `guest${RLO}live`, scenario: 'idle' });
    bridge = new BridgeProcess(['--vm', `strings=${sim.target}`]);
    await bridge.start();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: bridge.url });
    page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(String(err)));
    await page.goto(bridge.url);
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.dispose();
    await sim?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('shows a bidi override as a visible code, isolated, and draws "live" as "live"', async () => {
    const vms = page.getByRole('region', { name: 'Virtual machines' });
    await vms.getByText('strings', { exact: true }).waitFor();
    await expect.poll(() => vms.textContent(), { timeout: 15_000 }).toMatch(/connected/i);
    sim.emit('DEVICE_DELETED', { device: `${RLO}live`, path: '/machine/peripheral/x' });
    const row = page
      .getByRole('grid', { name: 'Events' })
      .getByRole('row', { name: /DEVICE_DELETED/ })
      .first();
    await row.waitFor({ timeout: 15_000 });
    const summary = row.getByRole('gridcell').last();
    expect(await summary.innerText()).toBe('⟨U+202E⟩live');
    expect(await bidiOf(summary)).toBe('inline isolate');
    expect(await drawnLeftToRight(summary)).toBe(true);
    // The guest's own name (query-name) in the VM overview, the same way.
    const card = vms.getByRole('listitem').first();
    expect(await card.innerText()).toContain('(guest⟨U+202E⟩live)');
    expect(await bidiOf(card)).toBe('inline isolate');
    expect(await drawnLeftToRight(card)).toBe(true);
    await row.click();
    const detail = page.getByRole('region', { name: 'Event detail' });
    await detail.getByRole('heading', { name: /DEVICE_DELETED/ }).waitFor();
    const device = detail.getByRole('table', { name: 'Fields' }).getByRole('row', { name: /^device\b/ });
    expect(await device.getByRole('cell').first().innerText()).toBe('⟨U+202E⟩live');
    expect(await drawnLeftToRight(device)).toBe(true);
    expect(await detail.getByRole('group', { name: 'Raw JSON' }).innerText()).toContain('"⟨U+202E⟩live"');
    await page.screenshot({ path: screenshotPath('hostile-bidi'), fullPage: true });
  });

  it('caps a 50 KB device name and a 200 KB path, with Show all and Copy value', async () => {
    sim.emit('DEVICE_DELETED', { device: DEVICE, path: PATH });
    const vms = page.getByRole('region', { name: 'Virtual machines' });
    const last = vms.getByRole('button', { name: /^DEVICE_DELETED — d+/ });
    await last.waitFor({ timeout: 15_000 });
    const shown = await last.innerText();
    expect(shown.length).toBeLessThan(1000);
    expect(shown).toContain('… (49,920 more characters)');
    expect((await vms.innerText()).length).toBeLessThan(2000);
    await page.screenshot({ path: screenshotPath('hostile-long-overview'), fullPage: true });

    // The whole value is one click away: the card opens the event in the detail pane.
    await last.click();
    const detail = page.getByRole('region', { name: 'Event detail' });
    await detail.getByRole('heading', { name: /DEVICE_DELETED — d+/ }).waitFor();
    const fields = detail.getByRole('table', { name: 'Fields' });
    const device = fields.getByRole('row', { name: /^device\b/ });
    const value = device.getByRole('cell').first();
    expect((await value.innerText()).length).toBeLessThan(2500);
    expect(await value.innerText()).toContain('… (48,000 more characters)');
    const path = fields
      .getByRole('row', { name: /^path\b/ })
      .getByRole('cell')
      .first();
    expect((await path.innerText()).length).toBeLessThan(2500);
    const raw = detail.getByRole('group', { name: 'Raw JSON' });
    expect((await raw.innerText()).length).toBeLessThan(6000);
    expect(await raw.innerText()).toContain('… (198,020 more characters)');
    await page.screenshot({ path: screenshotPath('hostile-long-detail'), fullPage: true });

    await device.getByRole('button', { name: 'Copy value' }).click();
    await expect.poll(() => device.innerText()).toContain('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(DEVICE);
    await raw.getByRole('button', { name: 'Copy JSON' }).click();
    await expect.poll(() => raw.innerText()).toContain('Copied');
    const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText())) as { data: { path: string } };
    expect(copied.data.path).toBe(PATH);

    await device.getByRole('button', { name: 'Show all' }).click();
    await expect.poll(async () => (await value.innerText()).includes(DEVICE)).toBe(true);
    await device.getByRole('button', { name: 'Show less' }).click();
    await expect.poll(async () => (await value.innerText()).length).toBeLessThan(2500);
  });

  it('draws 500 of 20,000 fields and about 50,000 characters of their JSON, offering the rest', async () => {
    const data = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`field${i}`, `value${i}`]));
    sim.emit('X_MANY_FIELDS', data);
    const row = page
      .getByRole('grid', { name: 'Events' })
      .getByRole('row', { name: /X_MANY_FIELDS/ })
      .first();
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    const detail = page.getByRole('region', { name: 'Event detail' });
    await detail.getByRole('heading', { name: /X_MANY_FIELDS/ }).waitFor();
    const fields = detail.getByRole('table', { name: 'Fields' });
    await expect.poll(() => fields.getByRole('row').count()).toBe(1 + 500 + 1);
    expect(await fields.innerText()).toContain('19,500 more fields not drawn.');
    const raw = detail.getByRole('group', { name: 'Raw JSON' });
    expect((await raw.innerText()).length).toBeLessThan(51_000);
    expect(await raw.innerText()).toMatch(/… \([\d,]+ more characters of JSON\)/);
    expect(await fields.getByRole('button', { name: 'Show all fields' }).isVisible()).toBe(true);
    expect(await raw.getByRole('button', { name: 'Show all' }).isVisible()).toBe(true);
  });

  it('imports a file with a 30 MB string: stays responsive, skips that line with the reason, keeps the other event', async () => {
    const file = join(tmp, 'hostile.ndjson');
    const huge = JSON.stringify({
      event: 'DEVICE_DELETED',
      data: { device: 'h'.repeat(30 * 1024 * 1024), path: '/x' },
      timestamp: { seconds: 1700000000, microseconds: 0 },
    });
    const normal = JSON.stringify({
      event: 'RESET',
      data: { guest: true, reason: 'guest-reset' },
      timestamp: { seconds: 1700000001, microseconds: 0 },
    });
    writeFileSync(file, `${huge}\n${normal}\n`);
    // Every task over 50 ms the page runs from here on, by the browser's own count.
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.longTasks.push(e.duration);
      }).observe({ type: 'longtask' });
    });
    await page.getByLabel('Import recording').setInputFiles(file);
    const banner = page.getByRole('region', { name: 'Recording' });
    await banner.waitFor({ timeout: 60_000 });
    await expect.poll(() => banner.textContent(), { timeout: 60_000 }).toMatch(/2 lines read, 1 skipped/);
    await banner.getByText('Skipped lines').click();
    expect(await banner.getByRole('list', { name: 'Skipped lines' }).innerText()).toBe(
      'line 1: a string of 31,457,280 characters exceeds the 1 MiB limit (1,048,576 characters)',
    );
    const grid = page.getByRole('grid', { name: 'Events' });
    await grid.getByRole('row', { name: /RESET/ }).waitFor();
    expect(await grid.getByRole('row', { name: /DEVICE_DELETED/ }).count()).toBe(0);
    // Responsive: no task held the page for a second, and it answers at once now.
    const longest = await page.evaluate(() => Math.max(0, ...(window as unknown as { longTasks: number[] }).longTasks));
    expect(longest).toBeLessThan(1000);
    const t0 = Date.now();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
    expect(Date.now() - t0).toBeLessThan(1000);
    await page.screenshot({ path: screenshotPath('hostile-import') });
    await banner.getByRole('button', { name: 'Back to live' }).click();
  });

  it('raised no script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
