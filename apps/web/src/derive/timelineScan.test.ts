import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { StoredEvent } from '@qmpscope/events';
import { eventTimeMs } from './eventTime';
import { histogram } from './histogram';
import { keepLanes, timelineScan } from './timelineScan';

const ev = (seq: number, vm: string, event: string, ms: number): StoredEvent => ({
  seq, vm, event, timestamp: { seconds: Math.floor(ms / 1000), microseconds: (ms % 1000) * 1000 }, receivedAt: 0,
});

describe('timelineScan', () => {
  const d = { from: 0, to: 1000 };
  it('merges marks per lane and pixel bucket, keeping the most severe on top', () => {
    const events = [ev(1, 'a', 'STOP', 99), ev(2, 'a', 'GUEST_PANICKED', 100), ev(3, 'a', 'RESUME', 101), ev(4, 'b', 'STOP', 100), ev(6, 'a', 'STOP', 2000)];
    const { marks } = timelineScan(events, ['a', 'b'], d, 1000, 10);
    expect(marks).toHaveLength(2);
    expect(marks.at(-1)).toMatchObject({ lane: 0, count: 3 });
    expect(marks.at(-1)?.event.event).toBe('GUEST_PANICKED');
    expect(marks[0]?.event.seq).toBe(4);
  });
  it('puts known VMs first, then the others in order of first appearance, even outside the domain', () => {
    const events = [ev(1, 'z', 'STOP', 5000), ev(2, 'b', 'STOP', 10), ev(3, 'y', 'STOP', 20), ev(4, 'z', 'STOP', 30)];
    const { lanes, marks } = timelineScan(events, ['a', 'b'], d, 1000, 10);
    expect([...lanes]).toEqual([['a', 0], ['b', 1], ['z', 2], ['y', 3]]);
    expect(marks.map((m) => m.lane).sort()).toEqual([1, 2, 3]);
  });
  it('counts the same bins as histogram() over the event times', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -200, max: 1200 }), { maxLength: 60 }), fc.integer({ min: 1, max: 40 }), (times, binCount) => {
        const events = times.map((t, i) => ev(i + 1, `vm${i % 3}`, 'STOP', t + 1_000_000));
        const dom = { from: 1_000_000, to: 1_001_000 };
        const { bins, marks, shown, markCount } = timelineScan(events, [], dom, 500, binCount);
        expect(bins).toEqual(histogram(events.map(eventTimeMs), dom.from, dom.to, binCount));
        // Every event inside the domain is in exactly one mark.
        const inside = times.filter((t) => t >= 0 && t <= 1000).length;
        expect(marks.reduce((n, m) => n + m.count, 0)).toBe(inside);
        expect(shown).toBe(inside);
        expect(markCount).toBe(marks.length);
      }),
    );
  });
  it('keeps only the most severe marks when told how many are drawn, and counts them all', () => {
    const events = [ev(1, 'a', 'STOP', 10), ev(2, 'a', 'GUEST_PANICKED', 500), ev(3, 'b', 'RESUME', 10), ev(4, 'b', 'WATCHDOG', 900), ev(5, 'c', 'STOP', 300)];
    const all = timelineScan(events, [], d, 1000, 10);
    const few = timelineScan(events, [], d, 1000, 10, 2);
    expect(all.markCount).toBe(5);
    expect(few.markCount).toBe(5);
    expect(few.shown).toBe(5);
    expect(few.marks.map((m) => m.event.seq)).toEqual(all.marks.slice(-2).map((m) => m.event.seq));
    expect(few.marks.at(-1)?.event.event).toBe('GUEST_PANICKED');
  });
  it('survives an empty domain', () => {
    expect(timelineScan([ev(1, 'a', 'STOP', 5)], [], { from: 5, to: 5 }, 100, 3).bins.map((b) => b.count)).toEqual([0, 0, 0]);
  });
});

describe('keepLanes', () => {
  it('keeps the earlier Map when the lanes are the same, takes the new one when they changed', () => {
    const a = new Map([['x', 0], ['y', 1]]);
    expect(keepLanes(a, new Map([['x', 0], ['y', 1]]))).toBe(a);
    const moved = new Map([['y', 0], ['x', 1]]);
    expect(keepLanes(a, moved)).toBe(moved);
    const more = new Map([['x', 0], ['y', 1], ['z', 2]]);
    expect(keepLanes(a, more)).toBe(more);
  });
});
