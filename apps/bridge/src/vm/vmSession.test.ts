import { afterEach, describe, expect, it } from 'vitest';
import { startQmpSimulator, type QmpSimulator } from '@qmpscope/qmp-sim';
import type { QmpEvent } from '@qmpscope/qmp';
import { MemoryLog } from '../log/memoryLog.js';
import { VmSession } from './vmSession.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function until(pred: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('VmSession backpressure', () => {
  it('stops reading while onEvents says it is behind, and reads everything once that resolves', async () => {
    const sim: QmpSimulator = await startQmpSimulator({ listen: 'tcp:127.0.0.1:0', scenario: { flood: { eventsPerSecond: 20_000 } } });
    cleanups.push(() => sim.close());
    const received: QmpEvent[] = [];
    let release: (() => void) | null = null;
    let behind: Promise<void> | null = null;
    const session = new VmSession({
      name: 'vm1',
      target: sim.target,
      maxLineBytes: 1 << 20,
      onChange: () => {},
      log: new MemoryLog(),
      onEvents: (_vm, events) => {
        received.push(...events);
        // Behind from the first batch of 1,000 on, until the test releases it.
        if (behind === null && received.length >= 1000) behind = new Promise<void>((r) => (release = r));
        return received.length >= 1000 && release !== null ? behind : null;
      },
    });
    cleanups.push(() => session.stop());
    session.start();
    await until(() => release !== null, 'the session to fall behind');
    const atPause = received.length;
    await new Promise((r) => setTimeout(r, 300)); // 6,000 more events offered meanwhile
    expect(received.length).toBe(atPause); // not one more chunk read
    (release as unknown as () => void)();
    release = null;
    await until(() => received.length > atPause + 2000, 'reading again after the release');
    const offsets = received.map((e) => e.timestamp.seconds * 1e6 + e.timestamp.microseconds);
    for (let i = 1; i < offsets.length; i++) expect(offsets[i]).toBeGreaterThanOrEqual(offsets[i - 1]!);
  });
});
