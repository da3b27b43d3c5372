import type { QmpEvent } from '@qmpscope/qmp';
import { boundedData, type StoredEvent } from '@qmpscope/events';
import type { EventStore } from '../storage/eventStore.js';
import type { VmCounters } from '../storage/vmCounters.js';
import { RecentEvents } from './recentEvents.js';

export interface IngestOptions {
  store: EventStore;
  counters: VmCounters;
  /** Called after each flush with the stored batch (ascending, contiguous seqs) and the VMs it touched. */
  onBatch: (batch: StoredEvent[], changedVms: Set<string>) => void;
  /** A message when writes start failing, null when they work again. */
  onStorageError: (message: string | null) => void;
  /** An event whose data nested deeper than MAX_DATA_DEPTH: it is stored with the marker as its data. */
  onDataDropped?: (vm: string, event: string) => void;
  /** Each write of rows that succeeded, with how long its transaction took (for /metrics). */
  onWritten?: (rows: number, seconds: number) => void;
  /** Maximum spacing of flushes under load (default FLUSH_SPACING_MS). */
  frameMs?: number;
  /** Pending events past which push() asks the producer to stop reading (default PENDING_HIGH_WATER). */
  highWater?: number;
  retryMs?: number;
  /** Called once each time pending events pass `highWater`, with the promise of their drain. */
  onHighWater?: (drained: Promise<void>) => void;
  /** Most events one flush takes (default MAX_FLUSH_EVENTS). */
  maxFlushEvents?: number;
  /** Longest a relayed event waits for its row to be written at a high rate (default STORE_INTERVAL_MS). */
  storeIntervalMs?: number;
  /** Rows that make a write due at once at a high rate (default STORE_BATCH_ROWS). */
  storeBatchRows?: number;
  /** Unsaved events kept for a retry while the disk refuses writes; older ones are given up. */
  maxUnsaved?: number;
  recentCapacity?: number;
}

/**
 * Flushes under load are at most this far apart: far below a frame, since the spacing adds to
 * every event's latency, and far enough that a flush at a very high rate still carries hundreds
 * of events, so the per-flush costs stay small (docs/PERFORMANCE.md).
 */
export const FLUSH_SPACING_MS = 4;

/**
 * Below this rate (events/s, measured over RATE_WINDOW_MS) every read is flushed on the next
 * setImmediate, with a gap of twice the flush's own cost. Above it flushes are
 * FLUSH_SPACING_MS apart, so the socket.io packets per second (each costs every client and
 * browser something, whatever its size) stop growing with the rate.
 */
export const LOW_RATE_EVENTS_PER_S = 2000;
export const RATE_WINDOW_MS = 50;
const GAP_PER_FLUSH_COST = 2;

/**
 * At a high rate a flush relays at once but its rows are written in larger transactions: at least
 * STORE_BATCH_ROWS or STORE_INTERVAL_MS apart. With 1,000 VMs every transaction rewrites one
 * (vm_id, seq) index page per VM, so rows per transaction set the insert rate
 * (docs/PERFORMANCE.md). Below the high rate each flush
 * is written before it is relayed (small transactions are cheap, and the API sees events at once).
 */
export const STORE_INTERVAL_MS = 50;
export const STORE_BATCH_ROWS = 5000;

/**
 * Events waiting for a flush past which push() asks the VM sessions to stop reading their sockets
 * (QEMU then blocks on its side, as with any slow QMP client). Overload otherwise grows memory:
 * bigger batches, bigger socket.io packets. ~150 bytes an event: a few MB.
 */
export const PENDING_HIGH_WATER = 20_000;

/**
 * Most events one flush takes. With 1,000 VMs the sockets' buffered chunks (~500 events each) all
 * arrive in one turn of the event loop, before any VM is told to pause: half a million pending
 * events. Taking them in slices keeps each transaction and socket.io packet bounded and lets
 * socket.io's own I/O run between slices.
 */
export const MAX_FLUSH_EVENTS = 20_000;

/**
 * Every VM session pushes its event batches here. A flush assigns seqs, updates the counters and
 * hands the batch to the relay. Idle: flush on the next setImmediate (sub-millisecond latency), each
 * batch written in its own transaction before it is relayed. Busy (above LOW_RATE_EVENTS_PER_S):
 * flushes FLUSH_SPACING_MS apart, so per-flush costs (socket.io packets) are paid per many events,
 * and rows are written STORE_INTERVAL_MS / STORE_BATCH_ROWS apart; until then catch-up serves them
 * from `recent`, and the store notes the highest seq relayed so a crash never reuses one.
 */
export class IngestQueue {
  readonly recent: RecentEvents;
  private pending: { vm: string; events: readonly QmpEvent[] }[] = [];
  private nextSeq: number;
  private lastFlushAt = -Infinity;
  private lastFlushCost = 0;
  /** Events pushed in the current rate window, and the rate of the previous window. */
  private windowStart = -Infinity;
  private windowEvents = 0;
  private previousRate = 0;
  private pendingCount = 0;
  private drained: { promise: Promise<void>; resolve: () => void } | null = null;
  private scheduled: { immediate: NodeJS.Immediate } | { timeout: NodeJS.Timeout } | null = null;
  /** Relayed events whose rows are not written yet (waiting for a larger transaction, or a disk that refuses). */
  private unsaved: StoredEvent[] = [];
  private droppedUnsaved = 0;
  private error: string | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private storeTimer: NodeJS.Timeout | null = null;
  private unsavedSince = 0;
  private readonly storeBatchRows: number;
  private closed = false;

  constructor(private readonly opts: IngestOptions) {
    this.nextSeq = opts.store.maxSeq() + 1;
    const recentCapacity = opts.recentCapacity ?? 20_000;
    this.recent = new RecentEvents(recentCapacity);
    // Catch-up serves unwritten rows from `recent`: they must never outnumber what it holds.
    this.storeBatchRows = Math.min(opts.storeBatchRows ?? STORE_BATCH_ROWS, recentCapacity);
  }

  /** Highest seq assigned so far (stored, or held in memory while storage fails). */
  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  get storageError(): string | null {
    return this.error;
  }

  /** Events received but not written to the store yet: waiting for a flush, or relayed and waiting for their transaction. */
  get pendingWrite(): number {
    return this.pendingCount + this.unsaved.length;
  }

  /**
   * Queues a VM's events. Returns null, or — when more than `highWater` events wait — a promise
   * that resolves once they are flushed: the caller should stop reading its source until then.
   */
  push(vm: string, events: readonly QmpEvent[]): Promise<void> | null {
    if (this.closed || events.length === 0) return null;
    this.pending.push({ vm, events });
    this.pendingCount += events.length;
    const now = performance.now();
    this.countRate(now, events.length);
    if (this.pendingCount > (this.opts.highWater ?? PENDING_HIGH_WATER)) {
      // Flush as soon as this read burst ends rather than waiting out the spacing.
      if (this.scheduled && !('immediate' in this.scheduled)) this.clearSchedule();
      this.scheduled ??= { immediate: setImmediate(() => this.flush()) };
      return this.whenDrained();
    }
    if (this.scheduled) return null;
    const frame = this.opts.frameMs ?? FLUSH_SPACING_MS;
    const gap = this.highRate() ? frame : Math.min(frame, this.lastFlushCost * GAP_PER_FLUSH_COST);
    const wait = this.lastFlushAt + gap - now;
    this.scheduled = wait <= 0 ? { immediate: setImmediate(() => this.flush()) } : { timeout: setTimeout(() => this.flush(), wait) };
    return null;
  }

  /** Writes and relays everything pending now; synchronous. */
  flush(): void {
    this.clearSchedule();
    const started = performance.now();
    if (this.pending.length === 0) {
      this.lastFlushAt = started;
      return;
    }
    const batch = this.assignSeqs(this.opts.maxFlushEvents ?? MAX_FLUSH_EVENTS);
    this.save(batch, performance.now());
    this.recent.append(batch);
    const changed = this.opts.counters.addBatch(batch);
    this.opts.onBatch(batch, changed);
    this.lastFlushAt = performance.now();
    this.lastFlushCost = this.lastFlushAt - started;
    if (this.pendingCount > 0) this.scheduled = { immediate: setImmediate(() => this.flush()) };
    if (this.pendingCount <= (this.opts.highWater ?? PENDING_HIGH_WATER)) {
      const drained = this.drained;
      this.drained = null;
      drained?.resolve();
    }
  }

  /**
   * Up to `limit` events after `afterSeq`, ascending, for catch-up: the store's rows, then the
   * newest ones from memory (relayed, rows not written yet). While the disk refuses writes, memory only.
   * Throws when the store cannot be read.
   */
  readAfter(afterSeq: number, limit: number): StoredEvent[] {
    if (this.error !== null) return this.recent.after(afterSeq, limit);
    // A client only slightly behind (a live client moved off the broadcast for a moment) is served
    // from memory: no SQLite read and no JSON.parse per row, so it is back live before it falls
    // further behind. `recent` holds every event from its oldest seq on, without holes.
    const oldest = this.recent.oldestSeq();
    if (oldest !== null && afterSeq + 1 >= oldest) return this.recent.after(afterSeq, limit);
    const stored = this.opts.store.query({ afterSeq }, limit);
    if (stored.length === limit) return stored;
    const tail = this.recent.after(stored.at(-1)?.seq ?? afterSeq, limit - stored.length);
    return stored.length === 0 ? tail : stored.concat(tail);
  }

  /** Writes the relayed events not written yet (the HTTP API reads the store, and must see them). */
  writePending(): void {
    if (this.error === null) this.writeUnsaved();
  }

  /** Flushes and makes one last attempt to write what waits or what the disk refused. */
  close(): void {
    while (this.pendingCount > 0) this.flush();
    this.clearSchedule();
    this.closed = true;
    if (this.retryTimer) clearInterval(this.retryTimer);
    this.retryTimer = null;
    if (this.storeTimer) clearTimeout(this.storeTimer);
    this.storeTimer = null;
    if (this.unsaved.length > 0) this.writeUnsaved();
  }

  /** Takes up to `max` pending events, oldest first, and gives them seqs. */
  private assignSeqs(max: number): StoredEvent[] {
    const batch: StoredEvent[] = [];
    let used = 0;
    for (; used < this.pending.length && batch.length < max; used++) {
      const chunk = this.pending[used];
      if (chunk === undefined) break;
      const take = Math.min(max - batch.length, chunk.events.length);
      for (const ev of take === chunk.events.length ? chunk.events : chunk.events.slice(0, take)) {
        const stored: StoredEvent = {
          seq: this.nextSeq++,
          vm: chunk.vm,
          event: ev.event,
          timestamp: ev.timestamp,
          receivedAt: ev.receivedAt,
        };
        if (ev.data !== undefined) {
          const kept = boundedData(ev.data);
          stored.data = kept.data;
          if (kept.dropped) this.opts.onDataDropped?.(chunk.vm, ev.event);
        }
        batch.push(stored);
      }
      if (take < chunk.events.length) {
        // Part of this chunk stays for the next flush.
        this.pending[used] = { vm: chunk.vm, events: chunk.events.slice(take) };
        break;
      }
    }
    this.pending = used === 0 ? this.pending : this.pending.slice(used);
    this.pendingCount -= batch.length;
    return batch;
  }

  private save(batch: StoredEvent[], now: number): void {
    if (this.unsaved.length === 0) this.unsavedSince = now;
    for (const ev of batch) this.unsaved.push(ev);
    if (this.error !== null) {
      // Already failing: the retry timer writes them all, up to what memory may hold.
      this.boundUnsaved();
      return;
    }
    const due = now - this.unsavedSince >= (this.opts.storeIntervalMs ?? STORE_INTERVAL_MS);
    if (!this.highRate() || due || this.unsaved.length >= this.storeBatchRows) {
      this.writeUnsaved();
      return;
    }
    try {
      this.opts.store.noteRelayed(this.lastSeq);
    } catch (err) {
      this.fail(err);
      return;
    }
    this.storeTimer ??= setTimeout(() => {
      this.storeTimer = null;
      if (this.error === null) this.writeUnsaved();
    }, this.opts.storeIntervalMs ?? STORE_INTERVAL_MS);
  }

  /** While the disk refuses writes, the oldest unsaved events beyond `maxUnsaved` are given up. */
  private boundUnsaved(): void {
    const max = this.opts.maxUnsaved ?? 200_000;
    if (this.unsaved.length > max) {
      this.droppedUnsaved += this.unsaved.length - max;
      this.unsaved = this.unsaved.slice(this.unsaved.length - max);
    }
  }

  private fail(err: unknown): void {
    const reason = err instanceof Error ? err.message : String(err);
    const message = `cannot write events to ${this.opts.store.path}: ${reason} — events are still relayed live and kept in memory; free disk space or fix permissions`;
    this.boundUnsaved();
    if (this.error === null) {
      this.error = message;
      this.opts.onStorageError(message);
    }
    if (!this.retryTimer && !this.closed) {
      this.retryTimer = setInterval(() => this.writeUnsaved(), this.opts.retryMs ?? 5000);
      this.retryTimer.unref();
    }
  }

  /** Writes every unsaved event in one transaction; on failure keeps them and reports (see fail). */
  private writeUnsaved(): void {
    if (this.storeTimer) clearTimeout(this.storeTimer);
    this.storeTimer = null;
    if (this.unsaved.length === 0) return;
    const started = performance.now();
    try {
      this.opts.store.insertBatch(this.unsaved);
    } catch (err) {
      this.fail(err);
      return;
    }
    this.opts.onWritten?.(this.unsaved.length, (performance.now() - started) / 1000);
    this.unsaved = [];
    if (this.retryTimer) clearInterval(this.retryTimer);
    this.retryTimer = null;
    if (this.error !== null) {
      this.error = null;
      this.opts.onStorageError(null);
    }
    if (this.droppedUnsaved > 0) {
      process.emitWarning(`${this.droppedUnsaved} events could not be stored while the disk refused writes (they were relayed live)`);
      this.droppedUnsaved = 0;
    }
  }

  /** Counts every pushed event into the current rate window. */
  private countRate(now: number, count: number): void {
    const elapsed = now - this.windowStart;
    if (elapsed >= RATE_WINDOW_MS) {
      // A window followed by silence longer than itself says nothing about the current rate.
      this.previousRate = elapsed < 2 * RATE_WINDOW_MS ? (this.windowEvents * 1000) / elapsed : 0;
      this.windowStart = now;
      this.windowEvents = 0;
    }
    this.windowEvents += count;
  }

  /** True when this window so far, or the previous one, runs above LOW_RATE_EVENTS_PER_S. */
  private highRate(): boolean {
    const limit = (LOW_RATE_EVENTS_PER_S * RATE_WINDOW_MS) / 1000;
    return this.windowEvents > limit || this.previousRate > LOW_RATE_EVENTS_PER_S;
  }

  private whenDrained(): Promise<void> {
    if (this.drained === null) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.drained = { promise, resolve };
      this.opts.onHighWater?.(promise);
    }
    return this.drained.promise;
  }

  private clearSchedule(): void {
    if (this.scheduled === null) return;
    if ('immediate' in this.scheduled) clearImmediate(this.scheduled.immediate);
    else clearTimeout(this.scheduled.timeout);
    this.scheduled = null;
  }
}
