import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { StoredEvent } from '@qmpscope/events';
import { eventTimeMs } from './eventTime';
import { timelineColumns, TimelineIndex } from './timelineIndex';
import { timelineScan, scanColumns } from './timelineScan';

const NAMES = ['STOP', 'RESUME', 'GUEST_PANICKED', 'WATCHDOG', 'RTC_CHANGE'];
const ev = (seq: number, vm: string, event: string, ms: number): StoredEvent => ({
  seq,
  vm,
  event,
  timestamp: { seconds: Math.floor(ms / 1000), microseconds: (ms % 1000) * 1000 },
  receivedAt: 0,
});

describe('TimelineIndex', () => {
  it('holds the same columns when fed by appends as when built at once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 5000 })), { maxLength: 3000 }),
        fc.array(fc.integer({ min: 1, max: 900 }), { maxLength: 8 }),
        (rows, cuts) => {
          const events = rows.map(([v, t], i) => ev(i + 1, `vm${v}`, NAMES[(i * 7) % NAMES.length] as string, t));
          const index = new TimelineIndex();
          let n = 0;
          for (const c of cuts) index.update(events.slice(0, (n = Math.min(events.length, n + c))));
          const grown = index.update(events);
          const once = timelineColumns(events);
          expect(grown.length).toBe(events.length);
          expect([...grown.times.subarray(0, grown.length)]).toEqual(events.map(eventTimeMs));
          expect(grown.vmNames.slice(0, grown.vmCount)).toEqual(once.vmNames.slice(0, once.vmCount));
          expect([...grown.vms.subarray(0, grown.length)]).toEqual([...once.vms.subarray(0, once.length)]);
          expect([...grown.ranks.subarray(0, grown.length)]).toEqual([...once.ranks.subarray(0, once.length)]);
        },
      ),
      { numRuns: 40 },
    );
  });
  it('leaves an earlier snapshot intact when the list is replaced', () => {
    const index = new TimelineIndex();
    const a = index.update([ev(1, 'x', 'STOP', 10), ev(2, 'y', 'STOP', 20)]);
    const b = index.update([ev(7, 'z', 'GUEST_PANICKED', 99)]);
    expect([a.length, a.vmNames.slice(0, a.vmCount), a.times[1]]).toEqual([2, ['x', 'y'], 20]);
    expect([b.length, b.vmNames.slice(0, b.vmCount), b.times[0]]).toEqual([1, ['z'], 99]);
  });
  it('returns the same snapshot for the same list, a new one when it grew', () => {
    const index = new TimelineIndex();
    const events = [ev(1, 'x', 'STOP', 10)];
    const a = index.update(events);
    expect(index.update(events)).toBe(a);
    expect(index.update([...events, ev(2, 'x', 'STOP', 11)])).not.toBe(a);
  });
});

describe('scanColumns', () => {
  it('keeps each event in the same mark while the domain only slides (buckets aligned to time, not to the domain)', () => {
    const events = Array.from({ length: 400 }, (_, i) => ev(i + 1, `vm${i % 3}`, NAMES[i % NAMES.length] as string, 10_000 + i * 7));
    const at = (from: number) => scanColumns(timelineColumns(events), [], { from, to: from + 3000 }, 300, 10);
    const a = at(9_000);
    const b = at(9_000 + 2 * a.bucketMs);
    const key = (m: { event: StoredEvent; count: number }) => `${m.event.seq}:${m.count}`;
    // Marks wholly inside both domains are the same marks.
    const inner = (s: typeof a) =>
      s.marks
        .filter((m) => eventTimeMs(m.event) > 9_100 && eventTimeMs(m.event) < 11_900)
        .map(key)
        .sort();
    expect(inner(b)).toEqual(inner(a));
    expect(timelineScan(events, [], { from: 9_000, to: 12_000 }, 300, 10).marks.map(key)).toEqual(a.marks.map(key));
  });
});

describe('TimelineIndex stepping back', () => {
  it('gives the earlier snapshot again for the earlier list, and appends from the newer one after', () => {
    const index = new TimelineIndex();
    const older = [ev(1, 'x', 'STOP', 10)];
    const newer = [...older, ev(2, 'y', 'STOP', 20)];
    const a = index.update(older);
    const b = index.update(newer);
    expect(index.update(older)).toBe(a);
    expect(index.update(newer)).toBe(b);
    const c = index.update([...newer, ev(3, 'z', 'STOP', 30)]);
    expect([c.length, c.vmCount, a.length, a.vmCount]).toEqual([3, 3, 1, 1]);
  });
});
