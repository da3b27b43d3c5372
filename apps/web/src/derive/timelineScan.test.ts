import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { StoredEvent } from '@qmpscope/events';
import { eventTimeMs } from './eventTime';
import { histogram } from './histogram';
import { timelineColumns } from './timelineIndex';
import { keepLanes, laneMap, marksInLanes, scanGrid, timelineScan } from './timelineScan';

const ev = (seq: number, vm: string, event: string, ms: number): StoredEvent => ({
  seq,
  vm,
  event,
  timestamp: { seconds: Math.floor(ms / 1000), microseconds: (ms % 1000) * 1000 },
  receivedAt: 0,
});

describe('timelineScan', () => {
  const d = { from: 0, to: 1000 };
  it('merges marks per lane and pixel bucket, keeping the most severe on top', () => {
    const events = [
      ev(1, 'a', 'STOP', 99),
      ev(2, 'a', 'GUEST_PANICKED', 100),
      ev(3, 'a', 'RESUME', 101),
      ev(4, 'b', 'STOP', 100),
      ev(6, 'a', 'STOP', 2000),
    ];
    const { marks } = timelineScan(events, ['a', 'b'], d, 1000, 10);
    expect(marks).toHaveLength(2);
    expect(marks.at(-1)).toMatchObject({ lane: 0, count: 3 });
    expect(marks.at(-1)?.event.event).toBe('GUEST_PANICKED');
    expect(marks[0]?.event.seq).toBe(4);
  });
  it('puts known VMs first, then the others in order of first appearance, even outside the domain', () => {
    const events = [ev(1, 'z', 'STOP', 5000), ev(2, 'b', 'STOP', 10), ev(3, 'y', 'STOP', 20), ev(4, 'z', 'STOP', 30)];
    const { lanes, marks } = timelineScan(events, ['a', 'b'], d, 1000, 10);
    expect([...lanes]).toEqual([
      ['a', 0],
      ['b', 1],
      ['z', 2],
      ['y', 3],
    ]);
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
    const events = [
      ev(1, 'a', 'STOP', 10),
      ev(2, 'a', 'GUEST_PANICKED', 500),
      ev(3, 'b', 'RESUME', 10),
      ev(4, 'b', 'WATCHDOG', 900),
      ev(5, 'c', 'STOP', 300),
    ];
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

describe('marksInLanes', () => {
  const d = { from: 0, to: 1000 };
  it('picks the marks of the lanes asked for only, and counts only theirs', () => {
    const events = [
      ev(1, 'a', 'GUEST_PANICKED', 10),
      ev(2, 'b', 'STOP', 10),
      ev(3, 'b', 'RESUME', 600),
      ev(4, 'c', 'WATCHDOG', 300),
      ev(5, 'd', 'STOP', 5),
    ];
    const cols = timelineColumns(events);
    const grid = scanGrid(cols, laneMap(cols, []), d, 1000, 10);
    const mid = marksInLanes(cols, grid, 1, 3);
    expect(mid.markCount).toBe(3);
    expect(mid.marks.map((m) => m.lane).sort()).toEqual([1, 1, 2]);
    expect(mid.marks.at(-1)?.event.event).toBe('WATCHDOG');
    expect(marksInLanes(cols, grid, 3, 99).marks.map((m) => m.event.seq)).toEqual([5]);
  });
  it('agrees with the whole scan restricted to those lanes, however many are drawn', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 1000 }),
            fc.integer({ min: 0, max: 6 }),
            fc.constantFrom('STOP', 'RESUME', 'WATCHDOG', 'GUEST_PANICKED', 'RESET'),
          ),
          { maxLength: 80 },
        ),
        fc.integer({ min: 0, max: 7 }),
        fc.integer({ min: 0, max: 7 }),
        fc.integer({ min: 1, max: 30 }),
        (specs, a, b, max) => {
          const events = specs.map(([t, vm, name], i) => ev(i + 1, `vm${vm}`, name, t));
          const cols = timelineColumns(events);
          const [first, end] = [Math.min(a, b), Math.max(a, b)];
          const some = marksInLanes(cols, scanGrid(cols, laneMap(cols, []), d, 500, 10), first, end, max);
          const all = timelineScan(events, [], d, 500, 10).marks.filter((m) => m.lane >= first && m.lane < end);
          expect(some.markCount).toBe(all.length);
          const key = (m: { event: StoredEvent }) => m.event.seq;
          // The same set of marks in the same drawing order, cut to the most severe `max`.
          expect(some.marks.map(key)).toEqual(all.slice(Math.max(0, all.length - max)).map(key));
        },
      ),
    );
  });
});

describe('keepLanes', () => {
  it('keeps the earlier Map when the lanes are the same, takes the new one when they changed', () => {
    const a = new Map([
      ['x', 0],
      ['y', 1],
    ]);
    expect(
      keepLanes(
        a,
        new Map([
          ['x', 0],
          ['y', 1],
        ]),
      ),
    ).toBe(a);
    const moved = new Map([
      ['y', 0],
      ['x', 1],
    ]);
    expect(keepLanes(a, moved)).toBe(moved);
    const more = new Map([
      ['x', 0],
      ['y', 1],
      ['z', 2],
    ]);
    expect(keepLanes(a, more)).toBe(more);
  });
});
