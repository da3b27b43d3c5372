/**
 * GET /metrics of the built bridge, scraped like Prometheus does, compared with what the API holds:
 * one VM streams without pause while another sends a known set of events, a third never answers.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startQmpSimulator, type QmpSimulator } from '@qmpscope/qmp-sim';
import type { StoredEvent, VmsResponse } from '@qmpscope/events';
import { BridgeProcess } from './harness/bridgeProcess.js';
import { parsePromText, samplesOf, valueOf, type PromExposition } from './harness/promText.js';
import { SeqCollector } from './harness/seqCollector.js';
import { waitFor } from './harness/waitFor.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function scrape(url: string, headers: Record<string, string> = {}): Promise<PromExposition> {
  const res = await fetch(`${url}/metrics`, { headers });
  expect(res.status, await res.clone().text()).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePromText(await res.text());
}

/** Events per "vm\u0000event" key. */
function countByKey(events: readonly Pick<StoredEvent, 'vm' | 'event'>[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ev of events) counts.set(`${ev.vm}\u0000${ev.event}`, (counts.get(`${ev.vm}\u0000${ev.event}`) ?? 0) + 1);
  return counts;
}

function receivedByKey(exp: PromExposition): Map<string, number> {
  return new Map(samplesOf(exp, 'qmpscope_events_received_total').map((s) => [`${s.labels['vm']}\u0000${s.labels['event']}`, s.value]));
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

describe('GET /metrics', () => {
  it('counts what the API holds while a VM streams; VM, storage, client and process metrics', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qmpscope-metrics-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const quietTarget = `unix:${join(dir, 'quiet.qmp')}`;
    let quiet: QmpSimulator = await startQmpSimulator({ listen: quietTarget, name: 'quiet', scenario: 'idle' });
    cleanups.push(() => quiet.close());
    const busy = await startQmpSimulator({ listen: 'tcp:127.0.0.1:0', name: 'busy', scenario: { flood: { eventsPerSecond: 300 } } });
    cleanups.push(() => busy.close());
    const startedAt = Date.now();
    const bridge = new BridgeProcess([
      '--vm',
      `quiet=${quietTarget}`,
      '--vm',
      `busy=${busy.target}`,
      '--vm',
      `gone=unix:${join(dir, 'nobody.qmp')}`,
    ]);
    cleanups.push(() => bridge.dispose());
    await bridge.start();
    const connected = async (name: string): Promise<true | undefined> =>
      (await bridge.getJson<VmsResponse>('/api/vms')).vms.some((v) => v.name === name && v.connection === 'connected') ? true : undefined;
    await waitFor(
      'quiet and busy connected',
      async () => ((await connected('quiet')) && (await connected('busy')) ? true : undefined),
      30_000,
    );

    for (let i = 0; i < 3; i++) quiet.emit('STOP');
    for (let i = 0; i < 2; i++) quiet.emit('RESUME');
    quiet.emit('RESET', { guest: true, reason: 'guest-reset' });
    await waitFor('quiet events stored', async () => ((await bridge.allEvents('vm=quiet')).length === 6 ? true : undefined), 30_000);
    await waitFor('busy streaming', async () => ((await bridge.allEvents('vm=busy')).length > 300 ? true : undefined), 30_000);

    // Sandwich the API between two scrapes: busy keeps streaming throughout.
    const before = await scrape(bridge.url);
    const api = countByKey(await bridge.allEvents());
    const after = await scrape(bridge.url);

    const quietKeys = [...api.keys()].filter((k) => k.startsWith('quiet\u0000')).sort();
    expect(quietKeys).toEqual(['quiet\u0000RESET', 'quiet\u0000RESUME', 'quiet\u0000STOP']);
    for (const exp of [before, after]) {
      const received = receivedByKey(exp);
      for (const key of quietKeys) expect(received.get(key), key).toBe(api.get(key));
      expect([...received.keys()].filter((k) => k.startsWith('gone\u0000'))).toEqual([]);
    }
    // What the API held was received by the second scrape; the first had received it, or held it pending.
    const busyKeys = [...api.keys()].filter((k) => k.startsWith('busy\u0000'));
    expect(busyKeys.length).toBeGreaterThan(0);
    const receivedBefore = receivedByKey(before);
    const receivedAfter = receivedByKey(after);
    for (const key of busyKeys) expect(receivedAfter.get(key) ?? 0, key).toBeGreaterThanOrEqual(api.get(key)!);
    const busyBefore = sum(busyKeys.map((k) => receivedBefore.get(k) ?? 0));
    expect(busyBefore - valueOf(before, 'qmpscope_events_pending_write')).toBeLessThanOrEqual(sum(busyKeys.map((k) => api.get(k)!)));
    expect(sum(busyKeys.map((k) => receivedAfter.get(k) ?? 0))).toBeGreaterThan(0);
    expect(valueOf(before, 'qmpscope_last_seq')).toBeLessThanOrEqual(sum(api.values()));
    // The API writes what waits before it reads, so the second scrape counts every row it saw as written.
    expect(valueOf(after, 'qmpscope_events_written_total')).toBeGreaterThanOrEqual(sum(api.values()));
    expect(valueOf(after, 'qmpscope_event_write_seconds_count')).toBeGreaterThan(0);
    expect(valueOf(after, 'qmpscope_event_write_seconds_bucket', { le: '+Inf' })).toBe(
      valueOf(after, 'qmpscope_event_write_seconds_count'),
    );
    expect(after.types.get('qmpscope_events_received_total')).toBe('counter');
    expect(after.types.get('qmpscope_event_write_seconds')).toBe('histogram');

    expect(valueOf(after, 'qmpscope_vm_connected', { vm: 'quiet' })).toBe(1);
    expect(valueOf(after, 'qmpscope_vm_connected', { vm: 'gone' })).toBe(0);
    const connectedAt = valueOf(after, 'qmpscope_vm_last_connect_timestamp_seconds', { vm: 'quiet' });
    expect(connectedAt).toBeGreaterThanOrEqual(Math.floor(startedAt / 1000));
    expect(connectedAt).toBeLessThanOrEqual(Date.now() / 1000);
    expect(samplesOf(after, 'qmpscope_vm_last_connect_timestamp_seconds', { vm: 'gone' })).toEqual([]);
    expect(valueOf(after, 'qmpscope_vm_reconnects_total', { vm: 'quiet' })).toBe(0);
    // Default process metrics.
    expect(valueOf(after, 'process_cpu_seconds_total')).toBeGreaterThan(0);
    expect(valueOf(after, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);

    // QEMU restarts: the same socket comes back, the bridge reconnects.
    await quiet.close();
    await waitFor(
      'quiet disconnected',
      async () => (valueOf(await scrape(bridge.url), 'qmpscope_vm_connected', { vm: 'quiet' }) === 0 ? true : undefined),
      30_000,
    );
    quiet = await startQmpSimulator({ listen: quietTarget, name: 'quiet', scenario: 'idle' });
    const reconnected = await waitFor(
      'quiet reconnected',
      async () => {
        const exp = await scrape(bridge.url);
        return valueOf(exp, 'qmpscope_vm_connected', { vm: 'quiet' }) === 1 ? exp : undefined;
      },
      30_000,
    );
    expect(valueOf(reconnected, 'qmpscope_vm_reconnects_total', { vm: 'quiet' })).toBe(1);
    expect(valueOf(reconnected, 'qmpscope_vm_last_connect_timestamp_seconds', { vm: 'quiet' })).toBeGreaterThan(connectedAt);

    // A dashboard connects and follows live.
    expect(valueOf(reconnected, 'qmpscope_socketio_clients', { mode: 'live' })).toBe(0);
    const client = new SeqCollector(bridge.url);
    cleanups.push(() => client.close());
    const withClient = await waitFor(
      'a live client',
      async () => {
        const exp = await scrape(bridge.url);
        return valueOf(exp, 'qmpscope_socketio_clients', { mode: 'live' }) === 1 ? exp : undefined;
      },
      30_000,
    );
    expect(valueOf(withClient, 'qmpscope_socketio_client_max_lag_events')).toBeGreaterThanOrEqual(0);
    expect(valueOf(withClient, 'qmpscope_socketio_client_max_lag_events')).toBeLessThanOrEqual(valueOf(withClient, 'qmpscope_last_seq'));
  });

  it('counts the events retention deletes', async () => {
    const sim = await startQmpSimulator({ listen: 'tcp:127.0.0.1:0', name: 'vm', scenario: 'idle' });
    cleanups.push(() => sim.close());
    const first = new BridgeProcess(['--vm', `vm=${sim.target}`]);
    cleanups.push(() => first.dispose());
    await first.start();
    await waitFor(
      'vm connected',
      async () => ((await first.getJson<VmsResponse>('/api/vms')).vms[0]?.connection === 'connected' ? true : undefined),
      30_000,
    );
    for (let i = 0; i < 25; i++) sim.emit('STOP');
    await waitFor('25 events stored', async () => ((await first.allEvents()).length === 25 ? true : undefined), 30_000);
    expect(valueOf(await scrape(first.url), 'qmpscope_events_retention_deleted_total')).toBe(0);
    await first.stop('SIGTERM');

    // Retention runs at start: 25 stored, 10 kept.
    const second = new BridgeProcess(['--vm', `vm=${sim.target}`, '--retention-events', '10'], first.dataDir);
    await second.start();
    cleanups.push(() => second.stop('SIGKILL'));
    const exp = await waitFor(
      'retention ran',
      async () => {
        const e = await scrape(second.url);
        return valueOf(e, 'qmpscope_events_retention_deleted_total') > 0 ? e : undefined;
      },
      30_000,
    );
    expect(valueOf(exp, 'qmpscope_events_retention_deleted_total')).toBe(15);
    expect((await second.allEvents()).length).toBe(10);
  });

  it('is under the API access rule: the token as a Bearer header off loopback, the loopback Host without one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qmpscope-metrics-token-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const token = 'metrics-token-0123456789abcdef';
    writeFileSync(join(dir, 'token'), `${token}\n`, { mode: 0o600 });
    const guarded = new BridgeProcess(['--demo', '--token-file', join(dir, 'token')]);
    cleanups.push(() => guarded.dispose());
    await guarded.start();

    const none = await fetch(`${guarded.url}/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await none.text()).not.toMatch(/qmpscope_/);
    expect((await fetch(`${guarded.url}/metrics`, { headers: { authorization: `Bearer ${token}x` } })).status).toBe(401);
    // Prometheus sends no cookies and follows no redirect: a token in the URL is not exchanged here.
    expect((await fetch(`${guarded.url}/metrics?token=${token}`, { redirect: 'manual' })).status).toBe(401);
    const exp = await scrape(guarded.url, { authorization: `Bearer ${token}` });
    expect(valueOf(exp, 'qmpscope_vm_connected', { vm: 'demo' })).toBeGreaterThanOrEqual(0);
    expect(
      (await fetch(`${guarded.url}/metrics`, { headers: { authorization: `Bearer ${token}`, origin: 'http://evil.example' } })).status,
    ).toBe(403);

    const open = new BridgeProcess(['--demo']);
    cleanups.push(() => open.dispose());
    await open.start();
    await scrape(open.url);
    // DNS rebinding: a page of another name that resolves to 127.0.0.1 must not read it.
    expect(await statusWithHost(`${open.url}/metrics`, 'rebind.example:80')).toBe(403);
  });
});

function statusWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}
