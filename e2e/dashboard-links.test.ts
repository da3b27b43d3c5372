/**
 * Links that reproduce a view: brush a time range, select an event, copy the
 * link, open it in a fresh browser context and again after the bridge restarted
 * on the same port and data dir; back/forward walk through the steps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BridgeProcess } from './harness/bridgeProcess.js';
import { chromiumAvailable, CHROMIUM, launchChromium, screenshotPath } from './harness/browser.js';

if (!chromiumAvailable) console.warn(`SKIPPED: browser e2e needs ${CHROMIUM} (apt install chromium); CI installs it.`);

const VIEW_KEYS = ['vm', 'ev', 'from', 'to', 'sel'];
const viewOf = (url: string) => Object.fromEntries(VIEW_KEYS.map((k) => [k, new URL(url).searchParams.get(k)]));

describe.skipIf(!chromiumAvailable)('dashboard links', () => {
  let bridge: BridgeProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let link = '';
  let heading = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    bridge = new BridgeProcess([]);
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
  });

  async function openFresh(url: string): Promise<{ page: Page; ctx: BrowserContext }> {
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const p = await ctx.newPage();
    p.on('pageerror', (err) => pageErrors.push(String(err)));
    await p.goto(url);
    return { page: p, ctx };
  }

  it('brushing the timeline puts an absolute range in the URL', async () => {
    const grid = page.getByRole('grid', { name: 'Events' });
    await expect.poll(async () => Number(await grid.getAttribute('aria-rowcount')), { timeout: 15_000 }).toBeGreaterThan(12);
    const svg = page.getByRole('region', { name: 'Timeline' }).locator('svg').first();
    const box = await svg.boundingBox();
    if (!box) throw new Error('the timeline has no box');
    const y = box.y + box.height / 2;
    await page.keyboard.down('Shift');
    await page.mouse.move(box.x + 100, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, y, { steps: 5 });
    await page.mouse.move(box.x + box.width - 5, y, { steps: 5 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await expect.poll(() => viewOf(page.url()).from).not.toBeNull();
    const { from, to } = viewOf(page.url());
    expect(Date.parse(to as string)).toBeGreaterThan(Date.parse(from as string));
    expect(await page.getByLabel('Time range').inputValue()).toBe('custom');
  });

  it('copy link, opened in a fresh browser context, shows the same view and selection', async () => {
    const filters = page.getByRole('region', { name: 'Filters' });
    const names = await filters.getByRole('group', { name: 'Event names' }).getByRole('checkbox').all();
    // The most common name in range; then select one of its events.
    await names[0]?.check();
    await page.getByRole('button', { name: 'Show only demo' }).click();
    const rows = page.getByRole('grid', { name: 'Events' }).getByRole('row');
    await rows.nth(1).click();
    const detail = page.getByRole('region', { name: 'Event detail' });
    await detail.getByRole('heading').first().waitFor();
    heading = (await detail.getByRole('heading').first().textContent()) ?? '';
    expect(viewOf(page.url()).sel).toMatch(/^\d+$/);
    await page.getByRole('button', { name: 'Copy link' }).click();
    const fallback = page.getByLabel('Link to this view');
    await expect.poll(async () => (await page.getByText('Link copied').count()) + (await fallback.count())).toBeGreaterThan(0);
    link = (await fallback.count()) > 0 ? await fallback.inputValue() : await page.evaluate(() => navigator.clipboard.readText());
    expect(viewOf(link)).toEqual(viewOf(page.url()));

    const { page: other, ctx } = await openFresh(link);
    const otherDetail = other.getByRole('region', { name: 'Event detail' });
    await expect.poll(() => otherDetail.getByRole('heading').first().textContent(), { timeout: 10_000 }).toBe(heading);
    expect(viewOf(other.url())).toEqual(viewOf(link));
    const checked = await other.getByRole('region', { name: 'Filters' }).getByRole('checkbox', { checked: true }).allTextContents();
    const mine = await filters.getByRole('checkbox', { checked: true }).allTextContents();
    expect(checked).toEqual(mine);
    expect(await other.getByRole('row', { selected: true }).count()).toBe(1);
    await other.screenshot({ path: screenshotPath('links-fresh-context') });
    await ctx.close();
  });

  it('the same link works after the bridge restarts on the same port and data dir', async () => {
    const port = bridge.port;
    await bridge.stop();
    await bridge.start(port);
    const { page: other, ctx } = await openFresh(link);
    await expect
      .poll(() => other.getByRole('region', { name: 'Event detail' }).getByRole('heading').first().textContent(), { timeout: 15_000 })
      .toBe(heading);
    await other.screenshot({ path: screenshotPath('links-after-restart') });
    await ctx.close();
    // The page that stayed open reconnects and says whether it missed anything.
    await expect
      .poll(() => page.getByRole('status').allTextContents(), { timeout: 15_000 })
      .toContainEqual(expect.stringMatching(/Connection back at .* nothing missed/));
  });

  it('a link to an event that does not exist says so', async () => {
    const u = new URL(link);
    u.searchParams.set('sel', '99999999');
    const { page: other, ctx } = await openFresh(u.toString());
    await expect
      .poll(() => other.getByRole('region', { name: 'Event detail' }).getByRole('alert').textContent(), { timeout: 10_000 })
      .toMatch(/#99999999 is no longer stored/);
    await ctx.close();
  });

  it('back and forward walk through view changes', async () => {
    const withSel = page.url();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    const cleared = page.url();
    expect(viewOf(cleared).ev).toBeNull();
    await page.goBack();
    await expect.poll(() => page.url()).toBe(withSel);
    await expect
      .poll(() => page.getByRole('region', { name: 'Filters' }).getByRole('checkbox', { checked: true }).count())
      .toBeGreaterThan(0);
    await page.goForward();
    await expect.poll(() => page.url()).toBe(cleared);
  });

  it('raised no script errors in the pages', () => {
    expect(pageErrors).toEqual([]);
  });
});
