/**
 * The disk fills up under the bridge (its data dir is on a 1 MiB tmpfs) during a burst: it says so
 * clearly (stderr and /healthz), keeps relaying live, does not crash, and once space is back
 * (the tmpfs is grown) it writes what it held in memory: the stored log has no hole.
 * Needs mount privileges (root, as in CI's container); skipped with a message otherwise.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startQmpSimulator, type QmpSimulator } from '@qmpscope/qmp-sim';
import type { HealthResponse } from '@qmpscope/events';
import { BridgeProcess } from './harness/bridgeProcess.js';
import { SeqCollector } from './harness/seqCollector.js';
import { waitFor } from './harness/waitFor.js';

const mountPoint = mkdtempSync(join(tmpdir(), 'qmpscope-diskfull-'));
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint]).status === 0;
if (!mounted) {
  rmSync(mountPoint, { recursive: true, force: true });
  console.warn('SKIPPED: the disk-full test needs `mount -t tmpfs` (root); CI runs it as root.');
}

describe.skipIf(!mounted)('disk full under the bridge', () => {
  let sim: QmpSimulator;
  let bridge: BridgeProcess;
  let client: SeqCollector;
  const health = async (): Promise<HealthResponse> => (await (await fetch(`${bridge.url}/healthz`)).json()) as HealthResponse;

  beforeAll(async () => {
    sim = await startQmpSimulator({ listen: 'tcp:127.0.0.1:0', name: 'burst', scenario: { flood: { eventsPerSecond: 2000 } } });
    const dataDir = join(mountPoint, 'data');
    mkdirSync(dataDir);
    bridge = new BridgeProcess(['--vm', `burst=${sim.target}`], dataDir);
    await bridge.start();
    client = new SeqCollector(bridge.url);
  });

  afterAll(async () => {
    client?.close();
    await bridge?.dispose();
    await sim?.close();
    spawnSync('umount', [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });

  it('reports the full disk, keeps relaying, and stores the held events once space is back', async () => {
    const failing = await waitFor(
      'storage to fail',
      async () => {
        const h = await health();
        return h.storage.ok ? undefined : h;
      },
      60_000,
    );
    expect(failing.ok).toBe(false);
    expect(failing.storage.error).toMatch(/cannot write events to .*events\.db: .*full.*still relayed live.*free disk space/);
    expect(bridge.logRecords().some((r) => r.level === 'error' && /cannot write events to .*full/.test(r.msg))).toBe(true);
    const storedWhenFull = failing.lastSeq;

    // Live relay goes on: the client gets events the disk could not take.
    await waitFor('events relayed while the disk is full', () => (client.lastSeq > storedWhenFull + 2000 ? true : undefined), 30_000);
    expect((await fetch(`${bridge.url}/api/vms`)).status).toBe(200);

    expect(spawnSync('mount', ['-o', 'remount,size=64m', mountPoint]).status).toBe(0);
    await waitFor('storage to recover', async () => ((await health()).storage.ok ? true : undefined), 30_000);
    expect(bridge.logRecords().some((r) => /storage works again/.test(r.msg))).toBe(true);

    const heldSeq = client.lastSeq;
    const seqs = (await bridge.allEvents()).map((e) => e.seq);
    expect(seqs.length).toBeGreaterThanOrEqual(heldSeq);
    expect(seqs.slice(0, heldSeq)).toEqual(Array.from({ length: heldSeq }, (_, k) => k + 1));
    expect(client.violations).toEqual([]);
  });
});
