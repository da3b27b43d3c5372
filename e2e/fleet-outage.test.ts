/**
 * A Redis outage as a user of one bridge sees it: its own VM's new events have no fleet seq while
 * Redis is away, yet the dashboard and a socket.io client keep showing them (as pending, apart from
 * the fleet's events); when Redis is back each one joins the fleet history under its seq, once,
 * and leaves the pending list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startQmpSimulator, type QmpSimulator } from '@qmpscope/qmp-sim';
import { BridgeProcess } from './harness/bridgeProcess.js';
import { chromiumAvailable, CHROMIUM, launchChromium, screenshotPath } from './harness/browser.js';
import { fleetBridge, health, waitConverged } from './harness/fleetBridges.js';
import { parsePromText } from './harness/promText.js';
import { RedisServer } from './harness/redisServer.js';
import { identity, SeqCollector } from './harness/seqCollector.js';
import { waitFor } from './harness/waitFor.js';

if (!chromiumAvailable) console.warn(`SKIPPED: browser e2e needs ${CHROMIUM} (apt install chromium); CI installs it.`);

describe.skipIf(!chromiumAvailable)('fleet: own events during a Redis outage', () => {
  const redis = new RedisServer();
  let sim: QmpSimulator;
  let bridge: BridgeProcess;
  let browser: Browser;
  let page: Page;
  let client: SeqCollector;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await redis.start();
    sim = await startQmpSimulator({ listen: 'tcp:127.0.0.1:0', name: 'hv1', scenario: { flood: { eventsPerSecond: 100 } } });
    bridge = fleetBridge(redis.url, 'hv1', ['--vm', `sim=${sim.target}`]);
    await bridge.start();
    client = new SeqCollector(bridge.url, { remember: true });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    page.on('pageerror', (err) => pageErrors.push(String(err)));
    await page.goto(bridge.url);
  });

  /** One sample of the bridge's /metrics, by metric name (no labels). */
  async function metric(name: string): Promise<number | undefined> {
    const res = await fetch(`${bridge.url}/metrics`);
    return parsePromText(await res.text()).samples.find((s) => s.name === name)?.value;
  }

  afterAll(async () => {
    client?.close();
    await browser?.close();
    await bridge?.dispose();
    await sim?.close();
    await redis.dispose();
  });

  it('shows its own new events as waiting while Redis is away, then under their fleet seq, each once', async () => {
    await waitFor('events in the fleet', async () => ((await health(bridge)).lastSeq > 100 ? true : undefined), 30_000);
    const region = page.getByRole('region', { name: 'Events waiting for the fleet log' });
    expect(await region.count()).toBe(0);

    await redis.kill();
    await waitFor('the bridge to notice', async () => ((await health(bridge)).fleet?.reachable === false ? true : undefined), 30_000);
    // The flood goes on: the client and the page get the new events as pending, not as events.
    await waitFor('pending events at the client', () => (client.pendingHeld.size >= 200 ? true : undefined), 30_000);
    const waiting = region.getByRole('list', { name: 'Waiting events' }).getByRole('listitem');
    await expect.poll(() => waiting.count(), { timeout: 20_000 }).toBeGreaterThan(10);
    await expect.poll(() => waiting.first().textContent()).toMatch(/hv1\/sim/);
    await expect
      .poll(async () => Number((await region.textContent())?.match(/([\d,]+) events of this bridge/)?.[1]?.replace(/,/g, '')))
      .toBeGreaterThan(200);
    await page.screenshot({ path: screenshotPath('fleet-outage-pending'), fullPage: true });
    // No fleet seq was given meanwhile, to the client or in the API.
    const during = await health(bridge);
    expect(during.lastSeq).toBe(client.lastSeq);
    expect(client.pendingTotal).toBeGreaterThanOrEqual(client.pendingHeld.size);
    expect(await metric('qmpscope_fleet_redis_up')).toBe(0);
    expect(await metric('qmpscope_fleet_unpublished_events')).toBeGreaterThan(0);

    await redis.start();
    await sim.quiesce();
    const last = await waitConverged([bridge], { 'hv1/sim': sim.eventsSent });
    await waitFor('the client to hold every event', () => (client.lastSeq === last ? true : undefined), 30_000);
    await waitFor('the pending list to empty at the client', () => (client.pendingHeld.size === 0 ? true : undefined), 30_000);
    await expect.poll(() => region.count(), { timeout: 20_000 }).toBe(0);

    expect(client.violations).toEqual([]);
    expect(await metric('qmpscope_fleet_redis_up')).toBe(1);
    expect(await metric('qmpscope_fleet_unpublished_events')).toBe(0);
    // The client is caught up: no lag, and the newest seq is the fleet's.
    expect(await metric('qmpscope_socketio_client_max_lag_events')).toBe(0);
    expect(await metric('qmpscope_last_seq')).toBe(last);
    // Every event shown as pending is in the fleet history now, under one seq.
    const stored = await bridge.allEvents();
    const byIdentity = new Map<string, number>();
    for (const e of stored) byIdentity.set(identity(e), (byIdentity.get(identity(e)) ?? 0) + 1);
    expect(client.pendingEver.size).toBeGreaterThan(200);
    for (const id of client.pendingEver.values()) expect(byIdentity.get(id)).toBe(1);
    expect(stored.filter((e) => e.vm === 'hv1/sim')).toHaveLength(sim.eventsSent);
    expect(pageErrors).toEqual([]);
  });
});
