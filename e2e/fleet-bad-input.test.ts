/**
 * A fleet bridge given a Redis it cannot use (nothing listening, a wrong password, a Redis without
 * functions) or a log holding entries that are not qmpscope's: one clear message each, no crash,
 * and the bridge keeps watching and serving its own VMs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startQmpSimulator, type QmpSimulator } from '@qmpscope/qmp-sim';
import type { VmsResponse } from '@qmpscope/events';
import { BridgeProcess } from './harness/bridgeProcess.js';
import { asText, fleetBridge, health, waitConverged } from './harness/fleetBridges.js';
import { RedisServer } from './harness/redisServer.js';
import { waitFor } from './harness/waitFor.js';
import { FLEET_KEYS } from '../apps/bridge/src/fleet/fleetKeys.js';

describe('fleet: bad input', () => {
  const servers: RedisServer[] = [];
  const sims: QmpSimulator[] = [];
  const bridges: BridgeProcess[] = [];

  afterEach(async () => {
    await Promise.all(bridges.splice(0).map((b) => b.dispose()));
    await Promise.all(sims.splice(0).map((s) => s.close()));
    await Promise.all(servers.splice(0).map((r) => r.dispose()));
  });

  async function bridgeWith(url: string, node = 'hv1', eventsPerSecond = 50): Promise<BridgeProcess> {
    const sim = await startQmpSimulator({ listen: 'tcp:127.0.0.1:0', name: node, scenario: { flood: { eventsPerSecond } } });
    sims.push(sim);
    const b = fleetBridge(url, node, ['--vm', `sim=${sim.target}`]);
    bridges.push(b);
    await b.start();
    return b;
  }

  /** The bridge still runs, lists its own VM as connected, and says `message` once in its output (reconnects do not repeat it). */
  async function expectOneMessageAndOwnVm(b: BridgeProcess, message: RegExp): Promise<void> {
    const h = await waitFor(
      'the fleet error in /healthz',
      async () => {
        const r = await health(b);
        return r.fleet?.error !== null && r.fleet?.error !== 'connecting to Redis' ? r : undefined;
      },
      30_000,
    );
    expect(h.fleet?.reachable).toBe(false);
    expect(h.fleet?.error).toMatch(message);
    // Several reconnect attempts later the message is still written once.
    await new Promise((r) => setTimeout(r, 3000));
    const lines = b.output.split('\n').filter((l) => message.test(l));
    expect(lines).toHaveLength(1);
    // On a loaded machine the simulator's connection may still be coming up: wait for it, then check.
    const vms = await waitFor(
      'its own VM to be connected',
      async () => {
        const list = (await b.getJson<VmsResponse>('/api/vms')).vms;
        return list[0]?.connection === 'connected' ? list : undefined;
      },
      30_000,
    );
    expect(vms).toHaveLength(1);
    expect(vms[0]).toMatchObject({ name: 'hv1/sim', connection: 'connected', reachable: true });
    await waitFor(
      'its own events to wait for Redis',
      async () => (((await health(b)).fleet?.unpublished ?? 0) > 0 ? true : undefined),
      30_000,
    );
  }

  it('an unreachable Redis URL', async () => {
    const redis = new RedisServer();
    servers.push(redis);
    await redis.start();
    const url = redis.url;
    await redis.kill();
    const b = await bridgeWith(url);
    await expectOneMessageAndOwnVm(
      b,
      /cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+\/?: connect ECONNREFUSED .* is redis-server running there\?/,
    );
  });

  it('a wrong password, never shown', async () => {
    const redis = new RedisServer({ password: 'right-one-9f3a' });
    servers.push(redis);
    await redis.start();
    const b = await bridgeWith(`redis://:wrong-one-77c1@127.0.0.1:${redis.port}`);
    await expectOneMessageAndOwnVm(
      b,
      /Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/? refused the password: check the password in the --fleet URL/,
    );
    expect(b.output).not.toContain('wrong-one-77c1');
    expect(JSON.stringify(await health(b))).not.toContain('wrong-one-77c1');
  });

  it('a Redis without the FUNCTION command', async () => {
    const redis = new RedisServer({ extra: ['--rename-command', 'FUNCTION', ''] });
    servers.push(redis);
    await redis.start();
    const b = await bridgeWith(redis.url);
    await expectOneMessageAndOwnVm(b, /has no FUNCTION command: the fleet needs Redis 7 or newer/);
  });

  it('a VM state in Redis that is not one: ignored with a message, the valid ones of that node listed', async () => {
    const redis = new RedisServer();
    servers.push(redis);
    await redis.start();
    const a = await bridgeWith(redis.url, 'hv1');
    const client = redis.client();
    try {
      // A node hv9 as another writer could leave it: one valid state, one not JSON.
      const valid = {
        name: 'ok',
        target: 'unix:/x',
        source: { kind: 'qmp' },
        connection: 'connected',
        connectionSince: 1,
        lastError: null,
        status: 'running',
        qemuVersion: '7.2.0',
        guestName: null,
      };
      await client.sadd(FLEET_KEYS.nodes, 'hv9');
      await client.hset(FLEET_KEYS.vms('hv9'), 'ok', JSON.stringify(valid), 'bad', '{oops');
      await client.set(FLEET_KEYS.alive('hv9'), 'v1', 'PX', 60_000);
    } finally {
      client.disconnect();
    }
    const { vms } = await waitFor(
      'hv9/ok in the list',
      async () => {
        const list = await a.getJson<VmsResponse>('/api/vms');
        return list.vms.some((v) => v.name === 'hv9/ok') ? list : undefined;
      },
      30_000,
    );
    expect(vms.map((v) => [v.name, v.reachable])).toEqual([
      ['hv1/sim', true],
      ['hv9/ok', true],
    ]);
    const lines = a.output.split('\n').filter((l) => l.includes('a VM state in Redis is not JSON'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/"node":"hv9"/);
    expect((await health(a)).fleet?.reachable).toBe(true);
  });

  it('foreign and malformed entries in the log: skipped with a message, the fleet goes on with the same seqs everywhere', async () => {
    const redis = new RedisServer();
    servers.push(redis);
    await redis.start();
    const a = await bridgeWith(redis.url, 'hv1', 200);
    const b = await bridgeWith(redis.url, 'hv2', 200);
    await waitFor('events in the fleet', async () => ((await health(b)).lastSeq > 100 ? true : undefined), 30_000);
    const client = redis.client();
    try {
      // Two entries with IDs in the fleet's sequence but bodies that are not events, numbered atomically
      // (the bridges publish meanwhile), then one added the usual way (XADD *).
      const malformed = `local n = redis.call('INCRBY', KEYS[2], 2)
        redis.call('XADD', KEYS[1], (n - 1) .. '-1', 'n', 'hv1', 'e', '{not json')
        redis.call('XADD', KEYS[1], n .. '-1', 'n', 'hv1', 'e', '{"vm":"sim","event":7}')`;
      await client.eval(malformed, 2, FLEET_KEYS.log, FLEET_KEYS.seq);
      await client.xadd(FLEET_KEYS.log, '*', 'hello', 'world');
    } finally {
      client.disconnect();
    }
    await Promise.all(sims.map((s) => s.quiesce()));
    await waitConverged([a, b], { 'hv1/sim': sims[0]!.eventsSent, 'hv2/sim': sims[1]!.eventsSent });
    for (const br of [a, b]) {
      // One message: the first bad entry's reason; the others within the warning window are counted into the next one.
      const lines = br.output.split('\n').filter((l) => l.includes('skipped an entry of the fleet log'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/"entry":"\d+-1".*skipped an entry of the fleet log: the entry.s event \(field e\) is not JSON/);
      expect((await health(br)).ok).toBe(true);
    }
    const [ea, eb] = await Promise.all([a.allEvents(), b.allEvents()]);
    expect(asText(ea)).toBe(asText(eb));
    expect(ea.filter((e) => e.vm === 'hv1/sim')).toHaveLength(sims[0]!.eventsSent);
  });
});
