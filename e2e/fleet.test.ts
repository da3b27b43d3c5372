/**
 * Two bridges, each watching its own VMs (one a real QEMU, the others simulators), and a hub that
 * joins late with an empty data dir, share one Redis (Debian's redis-server, started here with a
 * password). Every bridge must give the same event the same seq and answer the API identically.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startQmpSimulator, type QmpSimulator } from '@qmpscope/qmp-sim';
import type { VmsResponse } from '@qmpscope/events';
import { BridgeProcess } from './harness/bridgeProcess.js';
import { asText, counts, fleetBridge, health, waitConverged } from './harness/fleetBridges.js';
import { QemuVm } from './harness/qemuVm.js';
import { RedisServer } from './harness/redisServer.js';
import { waitFor } from './harness/waitFor.js';

const PASSWORD = 'fleet-secret-4d2c';

describe('fleet: two bridges and a hub through Redis', () => {
  const redis = new RedisServer({ password: PASSWORD });
  const sims: QmpSimulator[] = [];
  const bridges: BridgeProcess[] = [];
  let vm: QemuVm;

  beforeAll(async () => {
    await redis.start();
    vm = new QemuVm('fleetvm');
    await vm.start();
    for (const name of ['a1', 'b1'])
      sims.push(await startQmpSimulator({ listen: 'tcp:127.0.0.1:0', name, scenario: { flood: { eventsPerSecond: 200 } } }));
    bridges.push(fleetBridge(redis.url, 'hv1', ['--vm', `qemu=unix:${vm.watchSocket}`, '--vm', `sim=${sims[0]!.target}`]));
    bridges.push(fleetBridge(redis.url, 'hv2', ['--vm', `sim=${sims[1]!.target}`]));
    await Promise.all(bridges.map((b) => b.start()));
  });

  afterAll(async () => {
    await Promise.all(bridges.map((b) => b.dispose()));
    await Promise.all(sims.map((s) => s.close()));
    await vm?.dispose();
    await redis.dispose();
  });

  it('gives every event the same seq on every bridge, and a late hub with an empty data dir backfills the same answers', async () => {
    await waitFor(
      'the QEMU VM to be connected',
      async () => ((await counts(bridges[0]!))['hv1/qemu'] !== undefined ? true : undefined),
      30_000,
    );
    await vm.execute('cont');
    await vm.execute('stop');
    await vm.execute('cont');
    await vm.execute('system_reset');
    await vm.waitForEvent('RESET');
    const qemuEvents = vm.controlEvents.length;

    // The hub starts after events flowed: it has only the fleet log to learn them from.
    const hub = fleetBridge(redis.url, 'hub');
    bridges.push(hub);
    await hub.start();
    expect(hub.output).toMatch(/node hub through Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+ \(a hub: no VM of its own\)/);
    await Promise.all(sims.map((s) => s.quiesce()));
    const last = await waitConverged(bridges, { 'hv1/sim': sims[0]!.eventsSent, 'hv2/sim': sims[1]!.eventsSent, 'hv1/qemu': qemuEvents });

    const answers = await Promise.all(bridges.map((b) => b.allEvents()));
    expect(answers[0]!.map((e) => e.seq)).toEqual(Array.from({ length: last }, (_, k) => k + 1));
    for (const other of answers.slice(1)) expect(asText(other)).toBe(asText(answers[0]!));
    // The QEMU VM's events in the fleet are exactly those QEMU sent, in order.
    const fromQemu = answers[0]!.filter((e) => e.vm === 'hv1/qemu').map((e) => [e.event, e.timestamp, e.data ?? null]);
    expect(fromQemu).toEqual(vm.controlEvents.map((e) => [e.event, e.timestamp, e.data ?? null]));
    // A query by VM, cursor and page is the same everywhere too.
    const query = `/api/events?vm=hv2/sim&after=${Math.floor(last / 2)}&limit=50`;
    const paged = await Promise.all(bridges.map((b) => b.getJson<unknown>(query)));
    for (const p of paged.slice(1)) expect(p).toEqual(paged[0]);
  });

  it('lists every VM as NODE/VM with its node and reachability, the same on every bridge', async () => {
    // Presence and VM states are renewed every second: a hub just started may hold a state written
    // while the QEMU VM was still connecting (connected, guest name not asked yet), and hears of the
    // newer one within a beat. So wait for the whole final state, not its first field.
    const lists = await waitFor('every bridge to hear from every node', async () => {
      const all = await Promise.all(bridges.map((b) => b.getJson<VmsResponse>('/api/vms')));
      const current = ({ vms }: VmsResponse) => {
        const qemu = vms.find((v) => v.name === 'hv1/qemu');
        return vms.length === 3 && vms.every((v) => v.reachable) && qemu?.connection === 'connected' && qemu.guestName === 'fleetvm';
      };
      return all.every(current) ? all : undefined;
    });
    for (const { vms } of lists) {
      expect(vms.map((v) => [v.name, v.node, v.reachable])).toEqual([
        ['hv1/qemu', 'hv1', true],
        ['hv1/sim', 'hv1', true],
        ['hv2/sim', 'hv2', true],
      ]);
      expect(vms.find((v) => v.name === 'hv1/qemu')).toMatchObject({
        connection: 'connected',
        guestName: 'fleetvm',
        source: { kind: 'qmp' },
      });
    }
    const h = await health(bridges[2]!);
    expect(h.fleet).toMatchObject({ reachable: true, error: null, node: 'hub', hub: true, unpublished: 0, historyFrom: { seq: 1 } });
    expect(h.fleet?.nodes.filter((n) => n.vms > 0)).toEqual([
      { node: 'hv1', reachable: true, vms: 2 },
      { node: 'hv2', reachable: true, vms: 1 },
    ]);
  });

  it('never shows the Redis password: not in the output, the health answer or the VM list', async () => {
    for (const b of bridges) {
      expect(b.output).not.toContain(PASSWORD);
      expect(JSON.stringify(await health(b))).not.toContain(PASSWORD);
      expect(JSON.stringify(await b.getJson('/api/vms'))).not.toContain(PASSWORD);
    }
    expect((await health(bridges[0]!)).fleet?.redis).toBe(`redis://:***@127.0.0.1:${redis.port}`);
  });

  it('a hub is no demo: it watches no VM of its own', async () => {
    expect((await health(bridges[2]!)).vms.total).toBe(0);
    expect(Object.keys(await counts(bridges[2]!)).some((n) => n.startsWith('hub/'))).toBe(false);
  });
});
