import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QmpEvent } from '@qmpscope/qmp';
import { droppedDataMarker, MAX_DATA_DEPTH, parseStoredEvent, type StoredEvent } from '@qmpscope/events';
import { EventStore } from '../storage/eventStore.js';
import { VmCounters } from '../storage/vmCounters.js';
import { IngestQueue } from './ingestQueue.js';

const qev = (event: string, data?: QmpEvent['data']): QmpEvent => ({
  event,
  ...(data ? { data } : {}),
  timestamp: { seconds: 1, microseconds: 2 },
  receivedAt: 3,
});

let dir: string;
let store: EventStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qmpscope-ingest-'));
  store = new EventStore(dir);
});
afterEach(() => {
  store.close();
  chmodSync(dir, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

function makeQueue(extra: Partial<ConstructorParameters<typeof IngestQueue>[0]> = {}) {
  const batches: StoredEvent[][] = [];
  const errors: (string | null)[] = [];
  const queue = new IngestQueue({
    store,
    counters: new VmCounters(store.totalsByVm()),
    onBatch: (b) => batches.push(b),
    onStorageError: (m) => errors.push(m),
    ...extra,
  });
  return { queue, batches, errors };
}

/**
 * Pushes `perPush` events per loop turn for `ms` (a high rate), calling `each` after every turn;
 * returns how many were pushed. Events are named X0, X1, ... in push order.
 */
async function pushFor(queue: IngestQueue, ms: number, perPush: number, each?: () => void): Promise<number> {
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    queue.push(
      'a',
      Array.from({ length: perPush }, () => qev(`X${n++}`)),
    );
    await new Promise((r) => setImmediate(r));
    each?.();
  }
  return n;
}

describe('IngestQueue', () => {
  it('keeps data up to MAX_DATA_DEPTH as sent and stores deeper data as the marker, saying so', async () => {
    const nest = (levels: number): QmpEvent['data'] => JSON.parse(`{"a":${'['.repeat(levels)}1${']'.repeat(levels)}}`) as QmpEvent['data'];
    const dropped: string[] = [];
    const { queue } = makeQueue({ onDataDropped: (vm, event) => dropped.push(`${vm} ${event}`) });
    // The scalar sits at level 64 (data is level 0, "a" level 1): the deepest kept.
    queue.push('a', [qev('KEPT', nest(MAX_DATA_DEPTH - 1)), qev('DEEP', nest(MAX_DATA_DEPTH)), qev('HUGE', nest(100_000))]);
    queue.flush();
    queue.close();
    const rows = store.query({}, 10);
    expect(rows.map((e) => e.event)).toEqual(['KEPT', 'DEEP', 'HUGE']);
    expect(rows[0]!.data).toEqual(nest(MAX_DATA_DEPTH - 1));
    expect(rows[1]!.data).toEqual(droppedDataMarker());
    expect(rows[2]!.data).toEqual(droppedDataMarker());
    expect(dropped).toEqual(['a DEEP', 'a HUGE']);
    // Every consumer's validation accepts what was stored (the page refuses anything deeper).
    for (const row of rows) expect(parseStoredEvent(row)).not.toBeNull();
  });

  it('flushes soon after an idle push, assigning contiguous seqs across VMs', async () => {
    const { queue, batches } = makeQueue();
    queue.push('a', [qev('STOP'), qev('RESUME')]);
    queue.push('b', [qev('RESET', { guest: true })]);
    expect(batches).toHaveLength(0);
    await new Promise((r) => setImmediate(r));
    expect(batches).toHaveLength(1);
    expect(batches[0]!.map((e) => [e.seq, e.vm, e.event])).toEqual([
      [1, 'a', 'STOP'],
      [2, 'a', 'RESUME'],
      [3, 'b', 'RESET'],
    ]);
    expect(store.query({}, 10).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(queue.lastSeq).toBe(3);
  });

  it('at a high rate flushes at most once per frame', async () => {
    const { queue, batches } = makeQueue({ frameMs: 30 });
    await pushFor(queue, 100, 100);
    queue.flush();
    // ~100 ms of pushes at a 30 ms frame: a handful of flushes, not one per push.
    expect(batches.length).toBeLessThanOrEqual(6);
    const seqs = batches.flat().map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it('at a low rate spaces flushes by twice their cost only', async () => {
    const real = store.insertBatch.bind(store);
    // Each flush costs ~8 ms (a slow disk): the next one waits ~16 ms, not the 1 s frame.
    store.insertBatch = (b) => {
      const t = performance.now();
      while (performance.now() - t < 8);
      real(b);
    };
    const { queue, batches } = makeQueue({ frameMs: 1000 });
    queue.push('a', [qev('X')]);
    queue.flush();
    const t = performance.now();
    queue.push('a', [qev('Y')]);
    while (batches.length < 2 && performance.now() - t < 500) await new Promise((r) => setTimeout(r, 1));
    expect(batches).toHaveLength(2);
    expect(performance.now() - t).toBeGreaterThanOrEqual(10);
    expect(performance.now() - t).toBeLessThan(200);
  });

  it('at a low rate flushes every push on the next setImmediate, not a frame later', async () => {
    const { queue, batches } = makeQueue({ frameMs: 1000 });
    queue.push('a', [qev('X')]);
    queue.flush(); // the first flush prepares statements: not a cheap one
    for (let i = 2; i <= 6; i++) {
      await new Promise((r) => setTimeout(r, 20)); // a low rate: pushes well apart
      queue.push('a', [qev('X')]);
      await new Promise((r) => setImmediate(r));
      expect(batches).toHaveLength(i);
    }
  });

  it('past the high-water mark asks the producer to wait until a flush drained the queue', async () => {
    const held: Promise<void>[] = [];
    const { queue, batches } = makeQueue({ highWater: 10, frameMs: 1000, onHighWater: (p) => held.push(p) });
    queue.push('a', [qev('X')]);
    queue.flush(); // now the next flush would be a frame (1 s) away if it were not for the mark
    expect(
      queue.push(
        'a',
        Array.from({ length: 5 }, () => qev('A')),
      ),
    ).toBeNull();
    expect(
      queue.push(
        'b',
        Array.from({ length: 5 }, () => qev('B')),
      ),
    ).toBeNull();
    const behind = queue.push('a', [qev('C')]);
    expect(behind).toBeInstanceOf(Promise);
    expect(queue.push('b', [qev('D')])).toBe(behind); // one wait for every producer
    expect(held).toEqual([behind]); // told once, so every VM can be held, not only those that pushed
    let resolved = false;
    void behind!.then(() => (resolved = true));
    await Promise.resolve();
    expect(resolved).toBe(false);
    const t = performance.now();
    await behind;
    expect(performance.now() - t).toBeLessThan(200); // flushed on setImmediate, not after the frame
    expect(batches).toHaveLength(2);
    expect(batches[1]).toHaveLength(12);
    expect(queue.push('a', [qev('E')])).toBeNull(); // below the mark again
    queue.close();
  });

  it('keeps relaying when the disk refuses writes, reports once, and saves later', async () => {
    const { queue, batches, errors } = makeQueue({ retryMs: 20 });
    queue.push('a', [qev('A')]);
    queue.flush();
    store.close(); // any write now throws, like a disk gone read-only
    queue.push('a', [qev('B')]);
    queue.flush();
    queue.push('a', [qev('C')]);
    queue.flush();
    expect(batches.flat().map((e) => e.event)).toEqual(['A', 'B', 'C']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/cannot write events to .*events\.db/);
    expect(queue.storageError).not.toBeNull();
    expect(queue.recent.after(1, 10).map((e) => e.event)).toEqual(['B', 'C']);
    store = new EventStore(dir);
    // The queue holds the old (closed) store object; reopening proves only that nothing was written.
    expect(store.query({}, 10).map((e) => e.event)).toEqual(['A']);
  });

  it('recovers: the retry writes the unsaved events and clears the error', async () => {
    let failing = true;
    const real = store.insertBatch.bind(store);
    store.insertBatch = (b) => {
      if (failing) throw new Error('SQLITE_FULL: database or disk is full');
      real(b);
    };
    const { queue, errors } = makeQueue({ retryMs: 10 });
    queue.push('a', [qev('A'), qev('B')]);
    queue.flush();
    expect(queue.storageError).toMatch(/disk is full/);
    failing = false;
    await new Promise((r) => setTimeout(r, 40));
    expect(errors).toEqual([expect.stringMatching(/disk is full/), null]);
    expect(store.query({}, 10).map((e) => e.event)).toEqual(['A', 'B']);
    queue.close();
  });

  it('at a high rate relays first and writes rows in larger transactions, readable meanwhile', async () => {
    const writes: number[] = [];
    const real = store.insertBatch.bind(store);
    store.insertBatch = (b) => {
      writes.push(b.length);
      real(b);
    };
    const { queue, batches } = makeQueue({ frameMs: 1, storeIntervalMs: 60_000, storeBatchRows: 1_000_000, recentCapacity: 1_000_000 });
    const n = await pushFor(queue, 60, 200);
    queue.flush();
    const relayed = batches.flat().length;
    expect(relayed).toBe(n);
    // Only flushes before the rate was known were written (small, at once); the rest waits.
    expect(batches.length).toBeGreaterThan(writes.length);
    const written = writes.reduce((a, b) => a + b, 0);
    expect(written).toBeLessThan(relayed);
    // Catch-up sees every relayed event, written or not; the API's writePending makes them all rows.
    expect(queue.readAfter(0, relayed + 10).map((e) => e.seq)).toEqual(Array.from({ length: relayed }, (_, i) => i + 1));
    expect(queue.readAfter(relayed - 3, 10).map((e) => e.seq)).toEqual([relayed - 2, relayed - 1, relayed]);
    // A restart (even after a crash, before the rows are written) continues above every relayed seq.
    expect(store.maxSeq()).toBe(relayed);
    queue.writePending();
    expect(store.count()).toBe(relayed);
    queue.close();
  });

  it('never holds more unwritten rows than catch-up can serve from memory', async () => {
    const { queue, batches } = makeQueue({ frameMs: 1, storeIntervalMs: 60_000, storeBatchRows: 1_000_000, recentCapacity: 500 });
    let maxUnwritten = 0;
    await pushFor(queue, 60, 50, () => {
      const relayed = batches.flat().length;
      maxUnwritten = Math.max(maxUnwritten, relayed - store.count());
      expect(queue.readAfter(0, relayed + 1)).toHaveLength(relayed);
    });
    expect(maxUnwritten).toBeGreaterThan(0);
    expect(maxUnwritten).toBeLessThan(500);
    queue.close();
  });

  it('at a high rate writes once enough rows wait, in transactions of that size', async () => {
    const writes: number[] = [];
    const real = store.insertBatch.bind(store);
    store.insertBatch = (b) => {
      writes.push(b.length);
      real(b);
    };
    const { queue, batches } = makeQueue({ frameMs: 1, storeIntervalMs: 60_000, storeBatchRows: 1000 });
    const n = await pushFor(queue, 60, 50);
    // Small writes are flushes taken at the low rate (before the rate was known, or after a stall
    // of the machine); the bulk of the rows must go in transactions of the configured size.
    const large = writes.filter((w) => w >= 1000);
    expect(large.reduce((a, b) => a + b, 0)).toBeGreaterThan(writes.reduce((a, b) => a + b, 0) / 2);
    // Never more rows wait than the configured size plus one flush.
    expect(Math.max(...writes)).toBeLessThan(1000 + Math.max(...batches.map((b) => b.length)) + 1);
    queue.close();
    expect(store.count()).toBe(n);
  });

  it('writes deferred rows after the store interval even when the events stop', async () => {
    const { queue } = makeQueue({ frameMs: 1, storeIntervalMs: 30, storeBatchRows: 1_000_000 });
    const n = await pushFor(queue, 40, 50);
    queue.flush();
    await new Promise((r) => setTimeout(r, 80));
    expect(store.count()).toBe(n);
    queue.close();
  });

  it('takes a huge backlog in bounded flushes, in order, and releases producers once below the mark', async () => {
    const { queue, batches } = makeQueue({ maxFlushEvents: 1000, highWater: 2500 });
    const wait = queue.push(
      'a',
      Array.from({ length: 7000 }, (_, i) => qev(`E${i}`)),
    );
    expect(wait).toBeInstanceOf(Promise);
    await wait;
    // Released once at most 2,500 wait: after the 5th slice, not the 7th.
    expect(batches.length).toBeGreaterThanOrEqual(5);
    expect(batches.length).toBeLessThan(7);
    while (batches.flat().length < 7000) await new Promise((r) => setImmediate(r));
    expect(batches.every((b) => b.length <= 1000)).toBe(true);
    expect(batches.flat().map((e) => e.event)).toEqual(Array.from({ length: 7000 }, (_, i) => `E${i}`));
    expect(batches.flat().map((e) => e.seq)).toEqual(Array.from({ length: 7000 }, (_, i) => i + 1));
    queue.close();
    expect(store.count()).toBe(7000);
  });

  it('gives up unsaved events only while the disk refuses writes, never because a flush was large', () => {
    const { queue } = makeQueue({ maxUnsaved: 100, maxFlushEvents: 1_000_000 });
    queue.push(
      'a',
      Array.from({ length: 5000 }, () => qev('X')),
    );
    queue.flush();
    expect(store.count()).toBe(5000);
    queue.close();
  });

  it('close() writes a backlog larger than one flush', () => {
    const { queue } = makeQueue({ maxFlushEvents: 100 });
    queue.push(
      'a',
      Array.from({ length: 1050 }, () => qev('X')),
    );
    queue.close();
    expect(store.count()).toBe(1050);
  });

  it('serves catch-up inside the recent window from memory, older from the store', () => {
    const { queue } = makeQueue({ recentCapacity: 100 });
    for (let i = 0; i < 5; i++) {
      queue.push(
        'a',
        Array.from({ length: 100 }, () => qev('X')),
      );
      queue.flush();
    }
    const oldest = queue.recent.oldestSeq()!;
    expect(oldest).toBeGreaterThan(1);
    const realQuery = store.query.bind(store);
    let storeReads = 0;
    store.query = (f, n) => {
      storeReads++;
      return realQuery(f, n);
    };
    expect(queue.readAfter(oldest - 1, 10).map((e) => e.seq)).toEqual(Array.from({ length: 10 }, (_, i) => oldest + i));
    expect(storeReads).toBe(0);
    expect(queue.readAfter(0, 10).map((e) => e.seq)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    expect(storeReads).toBe(1);
    queue.close();
  });
});
