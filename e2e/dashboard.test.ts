/**
 * A user's story in a real browser: open the dashboard while a real QEMU runs,
 * watch events arrive live, open one and read its explained fields, see the VM
 * go away and come back when QEMU is killed and restarted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { VmsResponse } from '@qmpscope/events';
import { QemuVm, qemuAvailable } from './harness/qemuVm.js';
import { BridgeProcess } from './harness/bridgeProcess.js';
import { chromiumAvailable, CHROMIUM, launchChromium, screenshotPath } from './harness/browser.js';
import { waitFor } from './harness/waitFor.js';

const ready = qemuAvailable && chromiumAvailable;
if (!ready) console.warn(`SKIPPED: browser e2e needs QEMU and ${CHROMIUM} (apt install qemu-system-x86 chromium); CI installs them.`);

describe.skipIf(!ready)('the dashboard in chromium, watching a real QEMU', () => {
  const vm = new QemuVm('e2e-browser');
  let bridge: BridgeProcess;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await vm.start();
    bridge = new BridgeProcess(['--vm', `browservm=unix:${vm.watchSocket}`]);
    await bridge.start();
    await waitFor('the bridge to connect', async () =>
      (await bridge.getJson<VmsResponse>('/api/vms')).vms[0]?.connection === 'connected' ? true : undefined,
    );
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (err) => pageErrors.push(String(err)));
    await page.goto(bridge.url);
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.dispose();
    await vm.dispose();
  });

  it('shows the VM with its state', async () => {
    const vms = page.getByRole('region', { name: 'Virtual machines' });
    await vms.getByText('browservm', { exact: true }).waitFor();
    await expect.poll(() => vms.textContent()).toMatch(/connected/i);
    await expect.poll(() => vms.textContent()).toMatch(/prelaunch/i);
  });

  it('shows events live as QEMU emits them', async () => {
    const grid = page.getByRole('grid', { name: 'Events' });
    await vm.execute('cont');
    await vm.waitGuestReady();
    await vm.execute('stop');
    await vm.execute('system_reset');
    await grid.getByRole('row', { name: /RESET/ }).first().waitFor();
    await grid.getByRole('row', { name: /STOP/ }).first().waitFor();
    await grid
      .getByRole('row', { name: /RESUME/ })
      .first()
      .waitFor();
    await page.screenshot({ path: screenshotPath('foundation-live-events'), fullPage: true });
  });

  it('opens an event and explains its fields', async () => {
    const grid = page.getByRole('grid', { name: 'Events' });
    await grid.getByRole('row', { name: /RESET/ }).first().click();
    const detail = page.getByRole('region', { name: 'Event detail' });
    await detail.getByRole('heading', { name: /RESET/ }).waitFor();
    const fields = detail.getByRole('table', { name: 'Fields' });
    const guest = fields.getByRole('row', { name: /^guest\b/ });
    await guest.waitFor();
    // The explanation comes from the catalogue, not from the raw data.
    await expect.poll(() => guest.textContent()).toMatch(/host|guest request/i);
    await expect.poll(() => fields.getByRole('row', { name: /^reason\b/ }).textContent()).toMatch(/host-qmp-system-reset/);
    // Both clocks with microseconds, and how late the bridge read the event.
    await expect
      .poll(() => detail.textContent())
      .toMatch(/Received by bridge\s*\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6} \([\d.]+ (ms|s) after QEMU's timestamp\)/);
    await page.screenshot({ path: screenshotPath('foundation-detail'), fullPage: true });
  });

  it('shows the VM disconnected when QEMU dies, and connected again after a restart', async () => {
    const vms = page.getByRole('region', { name: 'Virtual machines' });
    await vm.kill();
    await expect.poll(() => vms.textContent(), { timeout: 15_000 }).toMatch(/disconnected/i);
    await page.screenshot({ path: screenshotPath('foundation-disconnected'), fullPage: true });
    await vm.start();
    await expect.poll(async () => /disconnected/i.test((await vms.textContent()) ?? ''), { timeout: 15_000 }).toBe(false);
    await expect.poll(() => vms.textContent()).toMatch(/connected/i);
  });

  it('raised no script errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
