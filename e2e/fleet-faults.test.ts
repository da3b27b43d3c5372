/**
 * The fleet under faults, with Debian's redis-server started here and simulated VMs flooding:
 * Redis killed (kill -9) and restarted, a bridge killed and restarted, a hub killed under a
 * socket.io client behind a load balancer. What must hold each time: every event reaches the
 * fleet log exactly once, and every bridge ends with the same events under the same seqs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { startQmpSimulator, type QmpSimulator } from '@qmpscope/qmp-sim';
import type { StoredEvent, VmsResponse } from '@qmpscope/events';
import { BridgeProcess } from './harness/bridgeProcess.js';
import { asText, counts, fleetBridge, health, waitConverged } from './harness/fleetBridges.js';
import { RedisServer } from './harness/redisServer.js';
import { SeqCollector } from './harness/seqCollector.js';
import { TcpBalancer } from './harness/tcpBalancer.js';
import { waitFor } from './harness/waitFor.js';

describe('fleet faults', () => {
  let redis: RedisServer;
  const sims: QmpSimulator[] = [];
  const bridges: BridgeProcess[] = [];
  const cleanups: (() => unknown)[] = [];

  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
    await Promise.all(bridges.splice(0).map((b) => b.dispose()));
    await Promise.all(sims.splice(0).map((s) => s.close()));
    await redis?.dispose();
  });

  async function fleetOf(nodes: string[], eventsPerSecond: number): Promise<void> {
    redis = new RedisServer();
    await redis.start();
    for (const node of nodes) {
      const sim = await startQmpSimulator({ listen: 'tcp:127.0.0.1:0', name: node, scenario: { flood: { eventsPerSecond } } });
      sims.push(sim);
      bridges.push(fleetBridge(redis.url, node, ['--vm', `sim=${sim.target}`]));
    }
    await Promise.all(bridges.map((b) => b.start()));
  }

  /** After the sims stopped: every bridge holds each VM's events exactly once, the same seqs 1..N everywhere. */
  async function expectExactlyOnceEverywhere(all: BridgeProcess[]): Promise<StoredEvent[]> {
    await Promise.all(sims.map((s) => s.quiesce()));
    const expected = Object.fromEntries(sims.map((s, i) => [`${bridges[i]!.output.match(/node (\S+) through/)![1]}/sim`, s.eventsSent]));
    const last = await waitConverged(all, expected);
    const answers = await Promise.all(all.map((b) => b.allEvents()));
    expect(answers[0]!.map((e) => e.seq)).toEqual(Array.from({ length: last }, (_, k) => k + 1));
    for (const other of answers.slice(1)) expect(asText(other)).toBe(asText(answers[0]!));
    for (const [vm, n] of Object.entries(expected)) expect(answers[0]!.filter((e) => e.vm === vm).length).toBe(n);
    return answers[0]!;
  }

  it('Redis killed (kill -9) mid-flood and restarted: bridges keep recording, show the fleet unreachable, then publish what they missed exactly once', async () => {
    await fleetOf(['hv1', 'hv2'], 400);
    await waitFor('events in the fleet', async () => ((await health(bridges[0]!)).lastSeq > 500 ? true : undefined), 30_000);
    await redis.kill();

    const during = await waitFor(
      'both bridges to notice',
      async () => {
        const hs = await Promise.all(bridges.map(health));
        return hs.every((h) => h.fleet?.reachable === false && h.fleet.unpublished > 200) ? hs : undefined;
      },
      30_000,
    );
    for (const h of during)
      expect(h.fleet?.error).toMatch(/cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+\/?: .* — is redis-server running there\?/);
    const { vms } = await bridges[0]!.getJson<VmsResponse>('/api/vms');
    expect(vms.find((v) => v.name === 'hv1/sim')).toMatchObject({ connection: 'connected', reachable: true });
    expect(vms.find((v) => v.name === 'hv2/sim')).toMatchObject({ connection: 'disconnected', reachable: false });

    await redis.start();
    await expectExactlyOnceEverywhere(bridges);
    for (const b of bridges) expect((await health(b)).fleet).toMatchObject({ reachable: true, unpublished: 0 });
  });

  it('a bridge killed mid-flood and restarted: nothing published twice, nothing it stored missing from the fleet', async () => {
    await fleetOf(['hv1', 'hv2'], 1000);
    const hv1 = bridges[0]!;
    for (let i = 0; i < 2; i++) {
      await waitFor(
        'hv1 to publish',
        async () => (((await counts(bridges[1]!))['hv1/sim'] ?? 0) > (i + 1) * 1500 ? true : undefined),
        30_000,
      );
      await hv1.stop('SIGKILL');
      await hv1.start(hv1.port);
    }
    await Promise.all(sims.map((s) => s.quiesce()));
    // The killed bridge lost what it had read but not stored: compare with its own store, not the simulator.
    await waitFor('hv1 to publish all it stored', async () => ((await health(hv1)).fleet?.unpublished === 0 ? true : undefined), 60_000);
    await hv1.stop('SIGTERM');
    const local = new Database(join(hv1.dataDir, 'events.db'), { readonly: true });
    const stored = local
      .prepare('SELECT n.name AS event, e.ts_us AS ts, e.data AS data FROM events e JOIN event_names n ON n.id = e.event_id ORDER BY e.seq')
      .all() as { event: string; ts: number; data: string | null }[];
    local.close();
    await hv1.start(hv1.port);
    const fleet = (await bridges[1]!.allEvents('vm=hv1/sim')).map((e) => ({
      event: e.event,
      ts: e.timestamp.seconds * 1_000_000 + e.timestamp.microseconds,
      data: e.data === undefined ? null : JSON.stringify(e.data),
    }));
    expect(fleet.length).toBe(stored.length);
    expect(fleet).toEqual(stored);
    const all = await Promise.all(bridges.map((b) => b.allEvents()));
    expect(asText(all[0]!)).toBe(asText(all[1]!));
    expect(all[0]!.map((e) => e.seq)).toEqual(Array.from({ length: all[0]!.length }, (_, k) => k + 1));
  });

  it('two hubs behind a load balancer: one killed, the socket.io client reconnects to the other with its last seq and gets exactly the missing events (websocket)', async () => {
    await fleetOf(['hv1'], 500);
    const hubs = [fleetBridge(redis.url, 'hub1'), fleetBridge(redis.url, 'hub2')];
    bridges.push(...hubs);
    await Promise.all(hubs.map((h) => h.start()));
    const alive = new Set([hubs[0]!, hubs[1]!]);
    const balancer = new TcpBalancer(() => [...alive].map((h) => h.port));
    const url = await balancer.start();
    cleanups.push(() => balancer.close());
    const client = new SeqCollector(url, { remember: true });
    cleanups.push(() => client.close());
    const direct = new SeqCollector(hubs[1]!.url);
    cleanups.push(() => direct.close());

    await waitFor('the client to receive events', () => (client.lastSeq > 1000 ? true : undefined), 30_000);
    alive.delete(hubs[0]!);
    await hubs[0]!.stop('SIGKILL');
    await waitFor('the client to reconnect through the balancer', () => (client.connects >= 2 ? true : undefined), 30_000);

    await sims[0]!.quiesce();
    const last = await waitConverged([bridges[0]!, hubs[1]!], { 'hv1/sim': sims[0]!.eventsSent });
    await waitFor('the client to hold every event', () => (client.lastSeq === last ? true : undefined), 30_000);
    expect(client.violations).toEqual([]);
    expect(client.received).toBe(last);
    const stored = await hubs[1]!.allEvents();
    expect(stored.every((e) => client.seen.has(e.seq))).toBe(true);
    await waitFor('the direct client to hold every event', () => (direct.lastSeq === last ? true : undefined), 30_000);
    expect(direct.violations).toEqual([]);
  });
});
