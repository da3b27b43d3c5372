/**
 * The token link and hostile QEMU data in a real chromium: the user opens the printed link, the
 * token leaves the address bar for an HttpOnly cookie, the dashboard works live, a copied link
 * carries no secret, and a VNC client "host" holding HTML/script is shown as text, never run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startQmpSimulator, type QmpSimulator } from '@qmpscope/qmp-sim';
import { BridgeProcess } from './harness/bridgeProcess.js';
import { chromiumAvailable, CHROMIUM, launchChromium, screenshotPath } from './harness/browser.js';

if (!chromiumAvailable) console.warn(`SKIPPED: browser e2e needs ${CHROMIUM} (apt install chromium); CI installs it.`);

const TOKEN = 'browser-test-token-0123456789';
const HOSTILE = '<img src=x onerror=alert(1)>';

describe.skipIf(!chromiumAvailable)('the token link and hostile event data in chromium', () => {
  let sim: QmpSimulator;
  let bridge: BridgeProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    sim = await startQmpSimulator({ listen: 'tcp:127.0.0.1:0', name: 'hostile', scenario: 'idle' });
    bridge = new BridgeProcess(['--token', TOKEN, '--vm', `hostile=${sim.target}`]);
    await bridge.start();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: bridge.url });
    page = await context.newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (err) => pageErrors.push(String(err)));
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.dispose();
    await sim?.close();
  });

  it('refuses the dashboard without the token', async () => {
    const res = await page.goto(`${bridge.url}/`);
    expect(res?.status()).toBe(401);
  });

  it('opens the printed link, drops the token from the address bar, keeps it in an HttpOnly cookie', async () => {
    const res = await page.goto(`${bridge.url}/?token=${TOKEN}`);
    expect(res?.status()).toBe(200);
    expect(page.url()).not.toContain(TOKEN);
    expect(await page.evaluate(() => document.cookie)).not.toContain(TOKEN);
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.value === TOKEN)).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    const vms = page.getByRole('region', { name: 'Virtual machines' });
    await vms.getByText('hostile', { exact: true }).waitFor();
    await expect.poll(() => vms.textContent(), { timeout: 15_000 }).toMatch(/connected/i);
  });

  it('shows a VNC client host holding HTML as literal text, and runs nothing', async () => {
    sim.emit('VNC_CONNECTED', {
      server: { auth: 'none', family: 'ipv4', service: '5900', host: '0.0.0.0', websocket: false },
      client: { family: 'ipv4', service: '40000', host: HOSTILE, websocket: false },
    });
    const grid = page.getByRole('grid', { name: 'Events' });
    const row = grid.getByRole('row', { name: /VNC_CONNECTED/ }).first();
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    const detail = page.getByRole('region', { name: 'Event detail' });
    await detail.getByRole('heading', { name: /VNC_CONNECTED/ }).waitFor();
    await expect.poll(() => detail.textContent()).toContain(HOSTILE);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('security-hostile-text'), fullPage: true });
    expect(dialogs).toEqual([]);
  });

  it('copies a link that carries no token', async () => {
    await page.getByRole('button', { name: 'Copy link' }).click();
    const fallback = page.getByRole('textbox', { name: 'Link to this view' });
    const copied = page.getByText('Link copied');
    await expect.poll(async () => (await copied.count()) + (await fallback.count())).toBeGreaterThan(0);
    const link = (await fallback.count()) > 0 ? await fallback.inputValue() : await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(link).not.toContain(TOKEN);
    expect(link).not.toMatch(/token=/);
  });

  it('raised no script errors and no dialogs', () => {
    expect(pageErrors).toEqual([]);
    expect(dialogs).toEqual([]);
  });
});
