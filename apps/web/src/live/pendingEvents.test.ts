import { describe, expect, it } from 'vitest';
import type { PendingEvent, PendingUpdate } from '@qmpscope/events';
import { PENDING_HELD_MAX, PendingEvents } from './pendingEvents';

const ev = (localSeq: number): PendingEvent => ({
  localSeq,
  vm: 'hv1/vm1',
  event: 'STOP',
  timestamp: { seconds: 1_700_000_000, microseconds: localSeq },
  receivedAt: 1_700_000_000_000 + localSeq,
});
const update = (events: number[], through: number, total: number, replace = false): PendingUpdate => ({
  replace,
  through,
  total,
  events: events.map(ev),
});

function rig() {
  const frames: Array<() => void> = [];
  const pending = new PendingEvents((run) => frames.push(run));
  let notified = 0;
  pending.subscribe(() => notified++);
  const frame = () => frames.splice(0).forEach((run) => run());
  const seqs = () => pending.snapshot().events.map((e) => e.localSeq);
  return { pending, frame, seqs, notified: () => notified };
}

describe('pending events on the page', () => {
  it('adds new ones, drops those the fleet log took, and ignores repeats', () => {
    const { pending, seqs } = rig();
    pending.apply(update([3, 4, 5], 2, 3, true));
    pending.apply(update([5, 6], 2, 4));
    expect(seqs()).toEqual([3, 4, 5, 6]);
    pending.apply(update([], 4, 2));
    expect(seqs()).toEqual([5, 6]);
    expect(pending.snapshot().total).toBe(2);
    pending.apply(update([], 6, 0));
    expect(pending.snapshot()).toEqual({ events: [], total: 0 });
  });

  it('a subscribe snapshot replaces what was held (e.g. after moving to another bridge)', () => {
    const { pending, seqs } = rig();
    pending.apply(update([1, 2], 0, 2));
    pending.apply(update([], 0, 0, true));
    expect(seqs()).toEqual([]);
    pending.apply(update([9], 8, 1, true));
    expect(seqs()).toEqual([9]);
  });

  it('holds the newest PENDING_HELD_MAX and keeps the total the bridge gave', () => {
    const { pending, seqs } = rig();
    const many = Array.from({ length: PENDING_HELD_MAX + 10 }, (_, k) => k + 1);
    pending.apply(update(many, 0, many.length + 100));
    expect(seqs()).toHaveLength(PENDING_HELD_MAX);
    expect(seqs()[0]).toBe(11);
    expect(pending.snapshot().total).toBe(many.length + 100);
  });

  it('tells its readers once per frame however many updates arrived, with a new snapshot object', () => {
    const { pending, frame, notified } = rig();
    const before = pending.snapshot();
    pending.apply(update([1], 0, 1));
    pending.apply(update([2], 0, 2));
    expect(notified()).toBe(0);
    frame();
    expect(notified()).toBe(1);
    expect(pending.snapshot()).not.toBe(before);
    frame();
    expect(notified()).toBe(1);
  });
});
