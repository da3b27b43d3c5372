import { describe, expect, it } from 'vitest';
import type { PendingUpdate, StoredEvent } from '@qmpscope/events';
import { PENDING_SNAPSHOT_MAX, PendingOwnEvents } from './pendingOwnEvents.js';

const ev = (seq: number): StoredEvent => ({
  seq,
  vm: 'vm1',
  event: 'STOP',
  timestamp: { seconds: 1_700_000_000 + seq, microseconds: 0 },
  receivedAt: 1_700_000_000_000 + seq,
});

/** A local store of own events and a pending relay over it, with what clients were sent. */
function rig(readBack = 0) {
  const local: StoredEvent[] = [];
  const sent: PendingUpdate[] = [];
  const pending = new PendingOwnEvents({
    node: 'hv1',
    readLocal: (after, limit) => local.filter((e) => e.seq > after).slice(0, limit),
    localLastSeq: () => local.at(-1)?.seq ?? 0,
    readBack,
    send: (u) => sent.push(u),
  });
  const write = (from: number, to: number) => {
    const batch = Array.from({ length: to - from + 1 }, (_, k) => ev(from + k));
    local.push(...batch);
    pending.written(batch);
  };
  const seqs = (u: PendingUpdate | undefined) => u?.events.map((e) => e.localSeq);
  return { pending, sent, write, seqs };
}

describe('own events pending for the fleet log', () => {
  it('relays nothing while Redis takes the events', () => {
    const { pending, sent, write } = rig();
    write(1, 5);
    pending.storedBack(5);
    write(6, 8);
    expect(sent).toEqual([]);
    expect(pending.snapshot()).toEqual({ replace: true, through: 5, events: [], total: 0 });
  });

  it('when Redis goes away, relays what the fleet history lacks at once, then each new batch, as NODE/VM with local seqs', () => {
    const { pending, sent, write, seqs } = rig();
    write(1, 10);
    pending.storedBack(6);
    pending.redisLost();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ replace: false, through: 6, total: 4 });
    expect(seqs(sent[0])).toEqual([7, 8, 9, 10]);
    expect(sent[0]!.events[0]).toEqual({ ...ev(7), seq: undefined, vm: 'hv1/vm1', localSeq: 7 });
    expect('seq' in sent[0]!.events[0]!).toBe(false);
    write(11, 12);
    expect(seqs(sent[1])).toEqual([11, 12]);
    expect(sent[1]!.total).toBe(6);
    // A batch already relayed (a repeat) is not relayed twice.
    pending.written([ev(12)]);
    expect(sent).toHaveLength(2);
  });

  it('after Redis is back, keeps relaying until the history holds every relayed event, and says what it took', () => {
    const { pending, sent, write, seqs } = rig();
    write(1, 3);
    pending.redisLost();
    pending.redisBack();
    // The backlog is being published: new events still reach clients as pending.
    write(4, 5);
    expect(seqs(sent.at(-1))).toEqual([4, 5]);
    pending.storedBack(2);
    expect(sent.at(-1)).toMatchObject({ through: 2, events: [], total: 3 });
    pending.storedBack(5);
    expect(sent.at(-1)).toMatchObject({ through: 5, events: [], total: 0 });
    const before = sent.length;
    write(6, 7);
    pending.storedBack(7);
    expect(sent).toHaveLength(before);
  });

  it('gives a client that subscribes the newest pending events only, replacing what it held', () => {
    const { pending, write, seqs } = rig();
    pending.redisLost();
    write(1, PENDING_SNAPSHOT_MAX + 500);
    pending.storedBack(100);
    const snap = pending.snapshot();
    expect(snap).toMatchObject({ replace: true, through: 100, total: PENDING_SNAPSHOT_MAX + 400 });
    expect(seqs(snap)).toEqual(Array.from({ length: PENDING_SNAPSHOT_MAX }, (_, k) => 501 + k));
  });

  it('starts from the mark kept with the fleet history: events it held before a restart are not pending', () => {
    const { pending, sent, write, seqs } = rig(40);
    write(1, 45);
    pending.redisLost();
    expect(seqs(sent[0])).toEqual([41, 42, 43, 44, 45]);
    expect(pending.storedBack(30)).toBeUndefined();
    expect(pending.through).toBe(40);
  });
});
