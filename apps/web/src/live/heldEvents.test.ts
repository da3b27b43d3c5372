import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '@qmpscope/events';
import type { Recording } from '../recording/assemble';
import { HeldEvents } from './heldEvents';

const ev = (seq: number, vm = 'a'): StoredEvent => ({
  seq,
  vm,
  event: 'STOP',
  timestamp: { seconds: seq, microseconds: 0 },
  receivedAt: 0,
});
const recording = (events: StoredEvent[]): Recording => ({
  name: 'f.ndjson',
  events,
  skipped: [],
  skippedCount: 0,
  lines: events.length,
  seqsAssigned: false,
  vms: [...new Set(events.map((e) => e.vm))],
});

describe('HeldEvents', () => {
  it("shows the bridge's events in phase 'history' until it is in, 'live' after", () => {
    const held = new HeldEvents();
    expect(held.appendLive([ev(1), ev(2)])).toEqual({ added: 2, gap: 0 });
    expect(held.shown(null).phase).toBe('history');
    expect(held.endHistory()).toBe(true);
    expect(held.endHistory()).toBe(false);
    const { log, phase } = held.shown(null);
    expect(phase).toBe('live');
    expect(log.length).toBe(2);
    expect(held.isLive(log)).toBe(true);
    expect(held.appendLive([ev(2), ev(5)])).toEqual({ added: 1, gap: 2 });
    expect(held.lastLiveSeq).toBe(5);
  });

  it("shows a recording's events in phase 'recording', its log built once, while the bridge's keep arriving", () => {
    const held = new HeldEvents();
    held.endHistory();
    const file = recording([ev(10, 'x'), ev(11, 'x')]);
    const first = held.shown(file);
    expect(first.phase).toBe('recording');
    expect(first.log.length).toBe(2);
    expect(held.isLive(first.log)).toBe(false);
    expect(held.shown(file).log).toBe(first.log);
    expect(held.shown(recording([ev(1)])).log).not.toBe(first.log);
    held.appendLive([ev(1, 'a')]);
    expect(held.shown(null).log.length).toBe(1);
    // The overview's per-VM events are the bridge's, not the file's.
    expect([...held.vmEvents().last.keys()]).toEqual(['a']);
  });
});
