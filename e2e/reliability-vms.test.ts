/**
 * Fifty watched VMs: two real QEMUs and 48 QMP simulators on unix sockets. One QEMU is killed
 * (SIGKILL) and restarted three times and one simulator dies and comes back: the bridge shows each
 * outage in the VM's connection state, records every event after each restart, and the other VMs
 * are not disturbed (their connection never drops, their events are all stored).
 */
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startQmpSimulator, type QmpSimulator } from '@qmpscope/qmp-sim';
import type { StoredEvent, VmInfo, VmsResponse } from '@qmpscope/events';
import { QemuVm, qemuAvailable, QEMU_BINARY } from './harness/qemuVm.js';
import { BridgeProcess } from './harness/bridgeProcess.js';
import { waitFor } from './harness/waitFor.js';

const SIMS = 48;
const RESTARTS = 3;
if (!qemuAvailable) console.warn(`SKIPPED: the many-VMs test needs ${QEMU_BINARY}; CI installs it.`);

describe.skipIf(!qemuAvailable)('50 VMs, one QEMU killed and restarted, one simulator gone and back', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qmpscope-manyvms-'));
  const qemus = [new QemuVm('rel-q1'), new QemuVm('rel-q2')];
  const sims: QmpSimulator[] = [];
  const simPath = (i: number) => join(dir, `sim${i}.qmp`);
  let bridge: BridgeProcess;

  const vms = async (): Promise<Map<string, VmInfo>> =>
    new Map((await bridge.getJson<VmsResponse>('/api/vms')).vms.map((v) => [v.name, v]));
  const eventsOf = (vm: string): Promise<StoredEvent[]> => bridge.allEvents(`vm=${vm}`);

  const allConnected = async () => {
    const m = await vms();
    return m.size === SIMS + 2 && [...m.values()].every((v) => v.connection === 'connected') ? m : undefined;
  };

  beforeAll(async () => {
    await Promise.all(qemus.map((q) => q.start()));
    for (let i = 0; i < SIMS; i++) sims.push(await startQmpSimulator({ listen: `unix:${simPath(i)}`, name: `s${i}`, scenario: 'idle' }));
    const args = [
      ...qemus.flatMap((q, i) => ['--vm', `q${i + 1}=unix:${q.watchSocket}`]),
      ...sims.flatMap((s, i) => ['--vm', `s${i}=${s.target}`]),
    ];
    bridge = new BridgeProcess(args);
    await bridge.start();
    await waitFor('all 50 VMs connected', allConnected, 60_000);
  });

  afterAll(async () => {
    await bridge?.dispose();
    await Promise.all(sims.map((s) => s.close()));
    await Promise.all(qemus.map((q) => q.dispose()));
    rmSync(dir, { recursive: true, force: true });
  });

  it(`records every event across ${RESTARTS} QEMU kills and a simulator restart, without disturbing the others`, async () => {
    const q1 = qemus[0]!;
    const q2 = qemus[1]!;
    const before = await vms();
    const steadySince = (name: string) => before.get(name)!.connectionSince;
    let emitted = 0;
    const emitRound = () => {
      sims.forEach((s, i) => {
        if (i !== 0) s.emit('RTC_CHANGE', { offset: emitted, 'qom-path': `/machine/s${i}` });
      });
      emitted += 1;
    };

    for (let r = 0; r < RESTARTS; r++) {
      await q1.kill();
      const down = await waitFor('q1 disconnected', async () => {
        const v = (await vms()).get('q1');
        return v?.connection !== 'connected' ? v : undefined;
      });
      expect(down.lastError).toBeTruthy();
      // While q1 is down, the others go on.
      emitRound();
      await q2.execute(r % 2 === 0 ? 'cont' : 'stop');
      await q1.start();
      await waitFor(
        'q1 connected again',
        async () => {
          const v = (await vms()).get('q1');
          return v?.connection === 'connected' && v.status === 'prelaunch' ? true : undefined;
        },
        30_000,
      );
      const mark = q1.controlEvents.length;
      const storedBefore = (await eventsOf('q1')).length;
      await q1.execute('cont');
      await q1.execute('stop');
      await q1.waitForEvent('STOP', mark);
      const seen = q1.controlEvents.slice(mark).map((e) => e.event);
      const stored = await waitFor('q1 events after the restart', async () => {
        const evs = (await eventsOf('q1')).slice(storedBefore);
        return evs.length >= seen.length ? evs : undefined;
      });
      expect(stored.map((e) => e.event)).toEqual(seen);
    }

    // One simulator dies and comes back on the same socket.
    await sims[0]!.close();
    await waitFor('s0 disconnected', async () => ((await vms()).get('s0')?.connection !== 'connected' ? true : undefined));
    emitRound();
    sims[0] = await startQmpSimulator({ listen: `unix:${simPath(0)}`, name: 's0', scenario: 'idle' });
    await waitFor('s0 connected again', async () => ((await vms()).get('s0')?.connection === 'connected' ? true : undefined), 30_000);
    sims[0].emit('RESET', { guest: false, reason: 'host-qmp-system-reset' });
    await waitFor('s0 event after its restart', async () => ((await eventsOf('s0')).some((e) => e.event === 'RESET') ? true : undefined));

    const after = await vms();
    for (let i = 1; i < SIMS; i++) {
      const name = `s${i}`;
      expect(after.get(name)?.connection, name).toBe('connected');
      expect(after.get(name)?.connectionSince, `${name} never reconnected`).toBe(steadySince(name));
      const offsets = await waitFor(`${name}'s ${emitted} events`, async () => {
        const evs = await eventsOf(name);
        return evs.length >= emitted ? evs.map((e) => (e.data as { offset: number }).offset) : undefined;
      });
      expect(offsets, name).toEqual(Array.from({ length: emitted }, (_, k) => k));
    }
    expect(after.get('q2')?.connectionSince).toBe(steadySince('q2'));
    expect((await eventsOf('q2')).map((e) => e.event)).toEqual(q2.controlEvents.map((e) => e.event));
  });
});
