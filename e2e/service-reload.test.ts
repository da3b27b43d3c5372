/**
 * `systemctl reload` (SIGHUP) re-reads the config file while a real QEMU streams: the VM added
 * starts, the removed one stops with its history still served, the changed one reconnects to its
 * new target, and the QEMU that stayed in the file keeps its connection and loses no event (a
 * socket.io client sees every seq, the database holds every event QEMU sent). A config with an error
 * is refused with one message and the running VMs stay.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startQmpSimulator, type QmpSimulator } from '@qmpscope/qmp-sim';
import type { HealthResponse, StoredEvent, VmInfo, VmsResponse } from '@qmpscope/events';
import { QemuVm, qemuAvailable, QEMU_BINARY } from './harness/qemuVm.js';
import { BridgeProcess } from './harness/bridgeProcess.js';
import { SeqCollector } from './harness/seqCollector.js';
import { waitFor } from './harness/waitFor.js';

if (!qemuAvailable) console.warn(`SKIPPED: the reload test needs ${QEMU_BINARY}; CI installs it.`);

describe.skipIf(!qemuAvailable)('SIGHUP reloads the config file while a QEMU streams', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qmpscope-reload-'));
  const configPath = join(dir, 'qmpscope.json');
  const q1 = new QemuVm('reload-q1');
  const sims = new Map<string, QmpSimulator>();
  let bridge: BridgeProcess;
  let collector: SeqCollector | undefined;

  const writeConfig = (vms: Record<string, string>): void =>
    writeFileSync(configPath, JSON.stringify({ vms: Object.entries(vms).map(([name, target]) => ({ name, target })) }));
  const vms = async (): Promise<Map<string, VmInfo>> =>
    new Map((await bridge.getJson<VmsResponse>('/api/vms')).vms.map((v) => [v.name, v]));
  const eventsOf = (vm: string): Promise<StoredEvent[]> => bridge.allEvents(`vm=${vm}`);
  const sim = (name: string): QmpSimulator => sims.get(name)!;

  beforeAll(async () => {
    await q1.start();
    for (const name of ['old', 'movedA', 'movedB', 'added']) {
      sims.set(name, await startQmpSimulator({ listen: `unix:${join(dir, `${name}.qmp`)}`, name, scenario: 'idle' }));
    }
    writeConfig({ q1: `unix:${q1.watchSocket}`, old: sim('old').target, moved: sim('movedA').target });
    bridge = new BridgeProcess(['--config', configPath]);
    await bridge.start();
    await waitFor(
      'the three VMs connected',
      async () => {
        const m = await vms();
        return m.size === 3 && [...m.values()].every((v) => v.connection === 'connected') ? true : undefined;
      },
      60_000,
    );
  });

  afterAll(async () => {
    collector?.socket.close();
    await bridge?.dispose();
    await Promise.all([...sims.values()].map((s) => s.close()));
    await q1.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts the added VM, stops the removed one (history kept), reconnects the changed one, and the streaming QEMU loses nothing', async () => {
    sim('old').emit('RTC_CHANGE', { offset: 1, 'qom-path': '/machine/old' });
    sim('old').emit('RTC_CHANGE', { offset: 2, 'qom-path': '/machine/old' });
    await waitFor("old's two events stored", async () => ((await eventsOf('old')).length === 2 ? true : undefined));
    collector = new SeqCollector(bridge.url);
    const q1Since = (await vms()).get('q1')!.connectionSince;

    // q1 streams STOP/RESUME pairs from its control monitor for the whole reload.
    let streaming = true;
    const stream = (async () => {
      while (streaming) {
        await q1.execute('cont');
        await q1.execute('stop');
      }
    })();
    try {
      await waitFor('q1 streaming', async () => ((await eventsOf('q1')).length >= 6 ? true : undefined), 30_000);

      writeConfig({ q1: `unix:${q1.watchSocket}`, moved: sim('movedB').target, added: sim('added').target });
      const storedAtReload = (await eventsOf('q1')).length;
      bridge.signal('SIGHUP');
      const after = await waitFor(
        'added connected, moved on its new target, old removed',
        async () => {
          const m = await vms();
          const ok =
            m.get('added')?.connection === 'connected' &&
            m.get('moved')?.target === sim('movedB').target &&
            m.get('moved')?.connection === 'connected' &&
            m.get('old')?.status === 'removed';
          return ok ? m : undefined;
        },
        30_000,
      );
      expect(after.get('old')!.connection).toBe('disconnected');
      const reloaded = await waitFor('the reload logged', () => bridge.logRecords().find((r) => r.msg === 'config file reloaded'));
      expect(reloaded).toMatchObject({
        level: 'info',
        path: configPath,
        started: 'added',
        reconnected: 'moved',
        stopped: 'old',
        unchanged: 1,
      });

      sim('added').emit('RTC_CHANGE', { offset: 3, 'qom-path': '/machine/added' });
      sim('movedB').emit('RTC_CHANGE', { offset: 4, 'qom-path': '/machine/movedB' });
      await waitFor('events of the added and the moved VM stored', async () =>
        (await eventsOf('added')).length === 1 && (await eventsOf('moved')).length === 1 ? true : undefined,
      );
      // The removed VM's history is still served, and nothing more is read from it.
      await waitFor('the bridge gone from old and movedA', () =>
        sim('old').clients === 0 && sim('movedA').clients === 0 ? true : undefined,
      );
      expect((await eventsOf('old')).map((e) => (e.data as { offset: number }).offset)).toEqual([1, 2]);

      // A config with an error is refused with one line; the running VMs stay.
      writeFileSync(configPath, '{"vms": [{"name": "q1", "target": ');
      bridge.signal('SIGHUP');
      const refused = await waitFor('the refusal logged', () =>
        bridge.logRecords().find((r) => r.msg === 'config not reloaded, the running config stays'),
      );
      expect(refused.level).toBe('error');
      expect(refused['error']).toMatch(/^config file .*qmpscope\.json is not valid JSON: the text ends too early/);
      expect(bridge.log.split('\n').filter((l) => /not reloaded/.test(l))).toHaveLength(1);
      const kept = await vms();
      expect(['q1', 'moved', 'added'].map((n) => kept.get(n)?.connection)).toEqual(['connected', 'connected', 'connected']);

      await waitFor(
        'q1 streaming after the reloads',
        async () => ((await eventsOf('q1')).length >= storedAtReload + 6 ? true : undefined),
        30_000,
      );
    } finally {
      streaming = false;
      await stream;
    }

    const sent = q1.controlEvents.map((e) => e.event);
    const stored = await waitFor("q1's every event stored", async () => {
      const evs = await eventsOf('q1');
      return evs.length >= sent.length ? evs : undefined;
    });
    expect(stored.map((e) => e.event)).toEqual(sent);
    expect((await vms()).get('q1')!.connectionSince, 'q1 was reconnected by the reload').toBe(q1Since);
    const { lastSeq } = await bridge.getJson<HealthResponse>('/healthz');
    await waitFor('the socket.io client at the last seq', () => (collector!.lastSeq === lastSeq ? true : undefined));
    expect(collector.violations).toEqual([]);
  });
});
