import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '@qmpscope/events';
import { indexOfSeq, viewEvents } from './eventView';
import type { Filters } from './filterEvents';
import { VisibleEvents } from './visibleEvents';

const ev = (seq: number, vm = 'a', event = 'STOP'): StoredEvent => ({
  seq,
  vm,
  event,
  timestamp: { seconds: seq, microseconds: 0 },
  receivedAt: seq * 1000,
});
const none: Filters = { vms: [], names: [], categories: [], severities: [], text: '' };
const all = { from: -Infinity, to: Infinity };
const seqs = (v: { items: readonly StoredEvent[]; length: number }) => viewEvents(v).map((e) => e.seq);

describe('VisibleEvents', () => {
  it('shows the log itself when nothing is filtered, up to `upto`', () => {
    const log = [ev(1), ev(2), ev(3)];
    const view = new VisibleEvents().update(log, none, all, 2);
    expect(view.items).toBe(log);
    expect(seqs(view)).toEqual([1, 2]);
  });

  it('appends only the new matches in place, and earlier views keep their length', () => {
    const log = [ev(1, 'a'), ev(2, 'b'), ev(3, 'a')];
    const v = new VisibleEvents();
    const filters: Filters = { ...none, vms: ['a'] };
    const first = v.update(log, filters, all, 3);
    expect(seqs(first)).toEqual([1, 3]);
    log.push(ev(4, 'b'), ev(5, 'a'));
    const second = v.update(log, filters, all, 5);
    expect(second.items).toBe(first.items);
    expect(seqs(second)).toEqual([1, 3, 5]);
    expect(seqs(first)).toEqual([1, 3]);
  });

  it('filters from scratch into a new array on new filters, a moved window, a shorter upto or a replaced log', () => {
    const log = [ev(1, 'a'), ev(2, 'b'), ev(3, 'a'), ev(4, 'b')];
    const v = new VisibleEvents();
    const a: Filters = { ...none, vms: ['a'] };
    const first = v.update(log, a, all, 4);
    const b: Filters = { ...none, vms: ['b'] };
    const byB = v.update(log, b, all, 4);
    expect(byB.items).not.toBe(first.items);
    expect(seqs(byB)).toEqual([2, 4]);
    expect(seqs(first)).toEqual([1, 3]);
    expect(seqs(v.update(log, b, { from: 3000, to: Infinity }, 4))).toEqual([4]);
    expect(seqs(v.update(log, b, { from: 3000, to: Infinity }, 3))).toEqual([]);
    const replaced = [ev(1, 'b'), ev(2, 'b')];
    expect(seqs(v.update(replaced, b, { from: 3000, to: Infinity }, 2))).toEqual([]);
    expect(seqs(v.update(replaced, b, all, 2))).toEqual([1, 2]);
  });

  it('gives the same answer as filtering from scratch, batch after batch', () => {
    const log: StoredEvent[] = [];
    const v = new VisibleEvents();
    const filters: Filters = { ...none, names: ['RESET'] };
    for (let batch = 0; batch < 20; batch++) {
      for (let i = 0; i < 7; i++) log.push(ev(log.length + 1, 'a', (log.length * 7) % 3 === 0 ? 'RESET' : 'STOP'));
      const view = v.update(log, filters, all, log.length);
      expect(seqs(view)).toEqual(seqs(new VisibleEvents().update(log.slice(), filters, all, log.length)));
    }
  });
});

describe('indexOfSeq', () => {
  it('finds a seq within the view only', () => {
    const items = [ev(2), ev(4), ev(6), ev(8)];
    expect(indexOfSeq({ items, length: 3 }, 6)).toBe(2);
    expect(indexOfSeq({ items, length: 3 }, 8)).toBe(-1);
    expect(indexOfSeq({ items, length: 3 }, 5)).toBe(-1);
  });
});
