import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '@qmpscope/events';
import type { EventView } from './eventView';
import { SelectedEventScan } from './selectedEvent';

const ev = (seq: number, vm = 'a', event = 'STOP'): StoredEvent => ({
  seq,
  vm,
  event,
  timestamp: { seconds: seq, microseconds: 0 },
  receivedAt: seq * 1000,
});

/** An append-only array and views over it, as the engine's event log hands out. */
function held(...events: StoredEvent[]) {
  const items: StoredEvent[] = [...events];
  return {
    view: (): EventView => ({ items, length: items.length }),
    push: (...more: StoredEvent[]) => items.push(...more),
  };
}

describe('SelectedEventScan', () => {
  it('says nothing is selected, arriving while the history arrives, missing after', () => {
    const scan = new SelectedEventScan();
    const log = held(ev(1), ev(2));
    expect(scan.update(log.view(), null, false).kind).toBe('none');
    expect(scan.update(log.view(), 9, true)).toEqual({ kind: 'arriving', seq: 9 });
    expect(scan.update(log.view(), 9, false)).toEqual({ kind: 'missing', seq: 9 });
  });

  it('finds the event and its neighbours, and the same object while nothing changed', () => {
    const scan = new SelectedEventScan();
    const log = held(ev(1, 'a', 'STOP'), ev(2, 'b', 'STOP'), ev(3, 'a', 'RESUME'), ev(4, 'b', 'RESUME'));
    const s = scan.update(log.view(), 3, false);
    if (s.kind !== 'found') throw new Error(`expected found, got ${s.kind}`);
    expect(s.event.seq).toBe(3);
    expect(s.neighbours.prevSameVm?.seq).toBe(1);
    expect(s.neighbours.nextSameName?.seq).toBe(4);
    expect(s.neighbours.nextSameVm).toBeUndefined();
    expect(scan.update(log.view(), 3, false)).toBe(s);
    log.push(ev(5, 'c', 'STOP'));
    expect(scan.update(log.view(), 3, false)).toBe(s);
  });

  it('picks up a next neighbour that arrives later, scanning only what is new', () => {
    const scan = new SelectedEventScan();
    const log = held(ev(1, 'a'), ev(2, 'b'));
    const first = scan.update(log.view(), 1, false);
    log.push(ev(3, 'c'), ev(4, 'a', 'RESUME'));
    const later = scan.update(log.view(), 1, false);
    expect(later).not.toBe(first);
    if (later.kind !== 'found') throw new Error(`expected found, got ${later.kind}`);
    expect(later.neighbours.nextSameVm?.seq).toBe(4);
    expect(later.neighbours.nextSameName?.seq).toBe(2);
    // The earlier object is not changed under a reader that kept it.
    if (first.kind !== 'found') throw new Error(`expected found, got ${first.kind}`);
    expect(first.neighbours.nextSameVm).toBeUndefined();
  });

  it('looks again in a new array (a recording opened, an out-of-order insert)', () => {
    const scan = new SelectedEventScan();
    expect(scan.update(held(ev(1), ev(2)).view(), 2, false).kind).toBe('found');
    const other = scan.update(held(ev(7)).view(), 2, false);
    expect(other.kind).toBe('missing');
  });
});
