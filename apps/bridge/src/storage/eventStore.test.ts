import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredEvent } from '@qmpscope/events';
import { EventStore } from './eventStore.js';
import { VmCounters } from './vmCounters.js';
import { Retention } from './retention.js';

function ev(seq: number, vm: string, event: string, extra: Partial<StoredEvent> = {}): StoredEvent {
  return { seq, vm, event, timestamp: { seconds: 1_700_000_000 + seq, microseconds: 5 }, receivedAt: 1_700_000_000_000 + seq, ...extra };
}

let dir: string;
let store: EventStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qmpscope-store-'));
  store = new EventStore(dir);
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('EventStore', () => {
  it('reads the newest events of a VM, ascending, without the other VMs', () => {
    store.insertBatch([1, 2, 3, 4, 5, 6, 7].map((seq) => ev(seq, seq % 2 === 0 ? 'even' : 'odd', 'STOP')));
    expect(store.latest({ vms: ['odd'] }, 2).map((e) => e.seq)).toEqual([5, 7]);
    expect(store.latest({ vms: ['even'] }, 10).map((e) => e.seq)).toEqual([2, 4, 6]);
    expect(store.latest({ vms: ['none'] }, 10)).toEqual([]);
  });

  it('inserts a batch and reads it back ascending, keeping absent data distinct from {}', () => {
    store.insertBatch([
      ev(1, 'a', 'STOP'),
      ev(2, 'a', 'RESUME', { data: {} }),
      ev(3, 'b', 'GUEST_PANICKED', { data: { action: 'pause', info: { arg1: '18446744073709551615' } } }),
    ]);
    const got = store.query({}, 10);
    expect(got.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect('data' in got[0]!).toBe(false);
    expect(got[1]!.data).toEqual({});
    expect(got[2]!.data).toEqual({ action: 'pause', info: { arg1: '18446744073709551615' } });
    expect(got[2]!.timestamp).toEqual({ seconds: 1_700_000_003, microseconds: 5 });
    expect(got[2]!.receivedAt).toBe(1_700_000_000_003);
  });

  it('preserves the -1/-1 timestamp QEMU sends when it cannot read the clock', () => {
    store.insertBatch([ev(1, 'a', 'STOP', { timestamp: { seconds: -1, microseconds: -1 } })]);
    expect(store.query({}, 1)[0]!.timestamp).toEqual({ seconds: -1, microseconds: -1 });
  });

  it('filters by vm list, event list, after seq, QEMU time range and limit', () => {
    const batch: StoredEvent[] = [];
    for (let i = 1; i <= 30; i++) batch.push(ev(i, i % 3 === 0 ? 'c' : i % 2 === 0 ? 'b' : 'a', i % 5 === 0 ? 'RESET' : 'STOP'));
    store.insertBatch(batch);
    expect(store.query({ vms: ['c'] }, 100).every((e) => e.vm === 'c')).toBe(true);
    expect(store.query({ vms: ['a', 'b'] }, 100).some((e) => e.vm === 'c')).toBe(false);
    expect(store.query({ events: ['RESET'] }, 100).map((e) => e.seq)).toEqual([5, 10, 15, 20, 25, 30]);
    expect(store.query({ afterSeq: 27 }, 100).map((e) => e.seq)).toEqual([28, 29, 30]);
    const from = (1_700_000_000 + 10) * 1e6 + 6; // just after seq 10 (…10 s + 5 µs)
    const to = (1_700_000_000 + 12) * 1e6 + 5;
    expect(store.query({ fromUs: from, toUs: to }, 100).map((e) => e.seq)).toEqual([11, 12]);
    expect(store.query({}, 4).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(store.query({ vms: ['c'], events: ['RESET'], afterSeq: 15 }, 100).map((e) => e.seq)).toEqual([30]);
  });

  it('rejects a whole batch atomically when one row fails, names interned in it included', () => {
    store.insertBatch([ev(1, 'a', 'STOP')]);
    expect(() => store.insertBatch([ev(2, 'z', 'NEW_EVENT'), ev(1, 'a', 'DUP')])).toThrow();
    expect(store.query({}, 10).map((e) => e.seq)).toEqual([1]);
    expect(store.query({ vms: ['z'] }, 10)).toEqual([]);
    // A later name takes the id the rolled-back one had: both must read back as themselves.
    store.insertBatch([ev(3, 'y', 'OTHER'), ev(4, 'z', 'NEW_EVENT')]);
    expect(store.query({}, 10).map((e) => [e.seq, e.vm, e.event])).toEqual([
      [1, 'a', 'STOP'],
      [3, 'y', 'OTHER'],
      [4, 'z', 'NEW_EVENT'],
    ]);
  });

  it('continues above relayed seqs also when no row was ever written', () => {
    store.noteRelayed(12);
    store.close();
    store = new EventStore(dir);
    expect(store.maxSeq()).toBe(12);
  });

  it('keeps a named mark across reopen, apart from its own meta keys', () => {
    expect(store.mark('identity')).toBeNull();
    store.setMark('fleet-own:7', 5);
    store.setMark('fleet-own:7', 9);
    store.setMark('relayed_seq', 3);
    store.close();
    store = new EventStore(dir);
    expect(store.mark('fleet-own:7')).toBe(9);
    expect(store.mark('fleet-own:8')).toBeNull();
    expect(store.maxSeq()).toBe(0);
  });

  it('continues above seqs handed to clients before they were written', () => {
    store.insertBatch([ev(1, 'a', 'STOP')]);
    store.noteRelayed(40);
    store.close();
    store = new EventStore(dir);
    expect(store.maxSeq()).toBe(40);
    expect(store.relayedNotWritten()).toEqual({ from: 2, to: 40 });
    store.insertBatch([ev(41, 'a', 'STOP'), ev(42, 'a', 'STOP')]);
    expect(store.maxSeq()).toBe(42);
    expect(store.relayedNotWritten()).toBeNull();
  });

  it('matches nothing for names never stored, and only the known ones in a list', () => {
    store.insertBatch([ev(1, 'a', 'STOP'), ev(2, 'b', 'RESET')]);
    expect(store.query({ vms: ['nope'] }, 10)).toEqual([]);
    expect(store.query({ events: ['NOPE'] }, 10)).toEqual([]);
    expect(store.latest({ vms: ['nope', 'b'] }, 10).map((e) => e.seq)).toEqual([2]);
  });

  it('keeps receipt times at microsecond resolution and odd QEMU timestamps exactly', () => {
    store.insertBatch([
      ev(1, 'a', 'STOP', { receivedAt: 1_764_000_000_123.456 }),
      ev(2, 'a', 'STOP', { timestamp: { seconds: 7, microseconds: 1_500_000 } }),
    ]);
    const [a, b] = store.query({}, 10);
    expect(a!.receivedAt).toBe(1_764_000_000_123.456);
    expect(b!.timestamp).toEqual({ seconds: 7, microseconds: 1_500_000 });
  });

  it('continues seq after reopen and seeds per-VM totals with one query', () => {
    store.insertBatch([ev(1, 'a', 'STOP'), ev(2, 'b', 'RESUME'), ev(7, 'a', 'RESET')]);
    store.close();
    store = new EventStore(dir);
    expect(store.maxSeq()).toBe(7);
    const totals = new Map(store.totalsByVm().map((t) => [t.vm, t]));
    expect(totals.get('a')).toEqual({
      vm: 'a',
      eventCount: 2,
      lastEvent: { seq: 7, event: 'RESET', timestamp: { seconds: 1_700_000_007, microseconds: 5 } },
    });
    expect(totals.get('b')?.eventCount).toBe(1);
  });

  it('retention deletes beyond maxEvents in bounded chunks and keeps counters right', async () => {
    const batch: StoredEvent[] = [];
    for (let i = 1; i <= 1000; i++) batch.push(ev(i, i % 2 ? 'a' : 'b', 'STOP', { receivedAt: Date.now() }));
    store.insertBatch(batch);
    const counters = new VmCounters(store.totalsByVm());
    const touched = new Set<string>();
    const retention = new Retention({
      store,
      counters,
      policy: { maxEvents: 100, maxAgeDays: 30 },
      chunk: 64,
      onDeleted: (vms) => vms.forEach((v) => touched.add(v)),
      onError: (err) => {
        throw err;
      },
    });
    expect(await retention.runOnce()).toBe(900);
    expect(store.count()).toBe(100);
    expect(store.query({}, 1)[0]!.seq).toBe(901);
    expect(counters.total).toBe(100);
    expect(counters.get('a').eventCount + counters.get('b').eventCount).toBe(100);
    expect(counters.get('b').lastEvent?.seq).toBe(1000);
    expect([...touched].sort()).toEqual(['a', 'b']);
  });

  it('retention deletes events older than maxAgeDays', async () => {
    const now = 1_800_000_000_000;
    store.insertBatch([
      ev(1, 'a', 'OLD', { receivedAt: now - 40 * 86_400_000 }),
      ev(2, 'a', 'OLD', { receivedAt: now - 31 * 86_400_000 }),
      ev(3, 'a', 'NEW', { receivedAt: now - 1000 }),
    ]);
    const counters = new VmCounters(store.totalsByVm());
    const retention = new Retention({
      store,
      counters,
      policy: { maxEvents: 1000, maxAgeDays: 30 },
      now: () => now,
      onDeleted: () => {},
      onError: (err) => {
        throw err;
      },
    });
    expect(await retention.runOnce()).toBe(2);
    expect(store.query({}, 10).map((e) => e.event)).toEqual(['NEW']);
    expect(counters.get('a')).toEqual({
      eventCount: 1,
      lastEvent: { seq: 3, event: 'NEW', timestamp: { seconds: 1_700_000_003, microseconds: 5 } },
    });
  });
});
