import { describe, expect, it } from 'vitest';
import type { JsonObject, StoredEvent } from '@qmpscope/events';
import { VmLatest } from './vmLatest';

const ev = (seq: number, vm = 'a', event = 'STOP', data?: JsonObject): StoredEvent => ({
  seq,
  vm,
  event,
  ...(data === undefined ? {} : { data }),
  timestamp: { seconds: seq, microseconds: 0 },
  receivedAt: seq * 1000,
});

describe('VmLatest', () => {
  it('remembers the newest event and the newest warning or error per VM, whatever follows it', () => {
    const latest = new VmLatest();
    latest.note([ev(1), ev(2, 'a', 'GUEST_PANICKED', { action: 'pause' }), ev(3, 'b', 'WATCHDOG', { action: 'reset' }), ev(4)]);
    const s = latest.snapshot();
    expect(s.last.get('a')?.seq).toBe(4);
    expect(s.last.get('b')?.seq).toBe(3);
    expect(s.problems.get('a')?.seq).toBe(2);
    expect(s.problems.get('b')?.event).toBe('WATCHDOG');
    expect(s.problems.has('c')).toBe(false);
    // A late, older problem (a replay) hides neither the newer problem nor the newer event.
    latest.note([ev(0, 'a', 'GUEST_PANICKED', { action: 'pause' })]);
    expect(latest.snapshot().problems.get('a')?.seq).toBe(2);
    expect(latest.snapshot().last.get('a')?.seq).toBe(4);
  });

  it('hands out immutable maps, new only when a batch changed something', () => {
    const latest = new VmLatest();
    latest.note([ev(1)]);
    const first = latest.snapshot();
    latest.note([ev(1)]);
    expect(latest.snapshot()).toBe(first);
    latest.note([ev(5)]);
    const second = latest.snapshot();
    expect(second).not.toBe(first);
    expect(first.last.get('a')?.seq).toBe(1);
    expect(second.last.get('a')?.seq).toBe(5);
  });
});
