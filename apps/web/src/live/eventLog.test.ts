import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '@qmpscope/events';
import { EventLog } from './eventLog';

const ev = (seq: number): StoredEvent => ({
  seq,
  vm: 'a',
  event: 'STOP',
  timestamp: { seconds: seq, microseconds: 0 },
  receivedAt: seq * 1000,
});

describe('EventLog', () => {
  it('appends, dedupes by seq and reports gaps', () => {
    const log = new EventLog();
    expect(log.lastSeq).toBe(0);
    expect(log.append([ev(5), ev(6)])).toEqual({ added: 2, gap: 0 });
    expect(log.append([ev(6), ev(7)])).toEqual({ added: 1, gap: 0 });
    expect(log.append([ev(10)])).toEqual({ added: 1, gap: 2 });
    expect(log.events.map((e) => e.seq)).toEqual([5, 6, 7, 10]);
    expect(log.lastSeq).toBe(10);
    expect(log.get(7)?.seq).toBe(7);
    expect(log.indexOf(10)).toBe(3);
  });
  it('keeps order when an old event arrives late', () => {
    const log = new EventLog();
    log.append([ev(1), ev(3), ev(4)]);
    log.append([ev(2)]);
    expect(log.events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(log.indexOf(3)).toBe(2);
    expect(log.get(2)?.seq).toBe(2);
  });
  it('appends in place: the array identity does not change', () => {
    const log = new EventLog();
    const arr = log.events;
    log.append(Array.from({ length: 1000 }, (_, i) => ev(i + 1)));
    expect(log.events).toBe(arr);
    expect(log.length).toBe(1000);
  });
  it('inserts out of order into a new array, leaving the old one as it was (views over it stay true)', () => {
    const log = new EventLog();
    log.append([ev(1), ev(3)]);
    const before = log.events;
    log.append([ev(2)]);
    expect(log.events).not.toBe(before);
    expect(before.map((e) => e.seq)).toEqual([1, 3]);
    expect(log.events.map((e) => e.seq)).toEqual([1, 2, 3]);
  });
});
