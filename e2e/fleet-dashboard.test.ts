/**
 * The dashboard of a fleet: a hub shows every node's VMs as NODE/VM, and a link copied from one
 * bridge (a VM filter, a selected event by seq) opens the same view on another bridge of the fleet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startQmpSimulator, type QmpSimulator } from '@qmpscope/qmp-sim';
import { BridgeProcess } from './harness/bridgeProcess.js';
import { chromiumAvailable, CHROMIUM, launchChromium, screenshotPath } from './harness/browser.js';
import { fleetBridge, waitConverged } from './harness/fleetBridges.js';
import { RedisServer } from './harness/redisServer.js';

if (!chromiumAvailable) console.warn(`SKIPPED: browser e2e needs ${CHROMIUM} (apt install chromium); CI installs it.`);

describe.skipIf(!chromiumAvailable)('fleet dashboard', () => {
  const redis = new RedisServer();
  const sims: QmpSimulator[] = [];
  const bridges: BridgeProcess[] = [];
  let browser: Browser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await redis.start();
    for (const node of ['hv1', 'hv2']) {
      const sim = await startQmpSimulator({ listen: 'tcp:127.0.0.1:0', name: node, scenario: { flood: { eventsPerSecond: 20 } } });
      sims.push(sim);
      bridges.push(fleetBridge(redis.url, node, ['--vm', `sim=${sim.target}`]));
    }
    bridges.push(fleetBridge(redis.url, 'hub'));
    await Promise.all(bridges.map((b) => b.start()));
    // The simulators send only to connected monitors: let each VM's events reach the hub before stopping them.
    await waitConverged(bridges, { 'hv1/sim': 20, 'hv2/sim': 20 });
    await Promise.all(sims.map((s) => s.quiesce()));
    await waitConverged(bridges, { 'hv1/sim': sims[0]!.eventsSent, 'hv2/sim': sims[1]!.eventsSent });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all(bridges.map((b) => b.dispose()));
    await Promise.all(sims.map((s) => s.close()));
    await redis.dispose();
  });

  async function open(url: string): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    page.on('pageerror', (err) => pageErrors.push(String(err)));
    await page.goto(url);
    return page;
  }

  it('a hub shows every node VM as NODE/VM, connected', async () => {
    const page = await open(bridges[2]!.url);
    const vms = page.getByRole('region', { name: 'Virtual machines' });
    await vms.getByText('hv1/sim', { exact: true }).waitFor();
    await vms.getByText('hv2/sim', { exact: true }).waitFor();
    await expect.poll(() => vms.textContent()).toMatch(/connected/i);
    await page.screenshot({ path: screenshotPath('fleet-hub'), fullPage: true });
  });

  it('a link copied on the hub (a VM filter and a selected event) opens the same view on a bridge', async () => {
    const page = await open(bridges[2]!.url);
    const vms = page.getByRole('region', { name: 'Virtual machines' });
    await vms.getByRole('button', { name: /Show only hv2\/sim/ }).click();
    const grid = page.getByRole('grid', { name: 'Events' });
    await grid
      .getByRole('row', { name: /BALLOON_CHANGE|RTC_CHANGE|NIC_RX_FILTER_CHANGED/ })
      .first()
      .click();
    const detail = page.getByRole('region', { name: 'Event detail' });
    await detail.getByRole('heading').first().waitFor();
    await expect.poll(() => new URL(page.url()).searchParams.get('sel')).not.toBeNull();
    const link = new URL(page.url());
    expect(link.searchParams.get('vm')).toBe('hv2/sim');
    const shownOnHub = await detail.textContent();

    const there = await open(`${bridges[0]!.url}/${link.search}`);
    const detailThere = there.getByRole('region', { name: 'Event detail' });
    await detailThere.getByRole('heading').first().waitFor();
    await expect.poll(() => detailThere.textContent()).toBe(shownOnHub);
    expect(new URL(there.url()).searchParams.get('vm')).toBe('hv2/sim');
  });

  it('raised no script errors in the pages', () => {
    expect(pageErrors).toEqual([]);
  });
});
