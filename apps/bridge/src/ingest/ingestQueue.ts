import type { QmpEvent } from '@qmpscope/qmp';
import type { StoredEvent } from '@qmpscope/events';
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
  /** Minimum spacing of flushes under load (default FLUSH_SPACING_MS). */
  frameMs?: number;
  retryMs?: number;
  /** Unsaved events kept for a retry while the disk refuses writes; older ones are given up. */
  maxUnsaved?: number;
  recentCapacity?: number;
}

/**
 * Flushes under load are at least this far apart. Measured by `npm run bench` (docs/PERFORMANCE.md):
 * 16 ms (a frame) added up to 16 ms of latency to every event at 1,000 events/s; at 4 ms a flush
 * still carries ~400 events at 100,000/s, so the per-flush costs stay small.
 */
export const FLUSH_SPACING_MS = 4;

/**
 * Every VM session pushes its event batches here. A flush assigns seqs, writes the batch in one
 * transaction, updates the counters and hands the batch to the relay. Idle: flush on the next
 * setImmediate (sub-millisecond latency). Busy: at most one flush per frame, so the per-flush costs
 * (transaction, socket.io packet) are paid per thousands of events, not per event.
 */
export class IngestQueue {
  readonly recent: RecentEvents;
  private pending: { vm: string; events: readonly QmpEvent[] }[] = [];
  private nextSeq: number;
  private lastFlushAt = -Infinity;
  private scheduled: { immediate: NodeJS.Immediate } | { timeout: NodeJS.Timeout } | null = null;
  private unsaved: StoredEvent[] = [];
  private droppedUnsaved = 0;
  private error: string | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly opts: IngestOptions) {
    this.nextSeq = opts.store.maxSeq() + 1;
    this.recent = new RecentEvents(opts.recentCapacity ?? 20_000);
  }

  /** Highest seq assigned so far (stored, or held in memory while storage fails). */
  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  get storageError(): string | null {
    return this.error;
  }

  push(vm: string, events: readonly QmpEvent[]): void {
    if (this.closed || events.length === 0) return;
    this.pending.push({ vm, events });
    if (this.scheduled) return;
    const wait = this.lastFlushAt + (this.opts.frameMs ?? FLUSH_SPACING_MS) - performance.now();
    this.scheduled =
      wait <= 0 ? { immediate: setImmediate(() => this.flush()) } : { timeout: setTimeout(() => this.flush(), wait) };
  }

  /** Writes and relays everything pending now; synchronous. */
  flush(): void {
    this.clearSchedule();
    this.lastFlushAt = performance.now();
    if (this.pending.length === 0) return;
    const batch = this.assignSeqs();
    this.save(batch);
    this.recent.append(batch);
    const changed = this.opts.counters.addBatch(batch);
    this.opts.onBatch(batch, changed);
  }

  /** Flushes and makes one last attempt to save what the disk refused. */
  close(): void {
    this.flush();
    this.closed = true;
    if (this.retryTimer) clearInterval(this.retryTimer);
    this.retryTimer = null;
    if (this.unsaved.length > 0) this.retrySave();
  }

  private assignSeqs(): StoredEvent[] {
    const batch: StoredEvent[] = [];
    for (const chunk of this.pending) {
      for (const ev of chunk.events) {
        const stored: StoredEvent = { seq: this.nextSeq++, vm: chunk.vm, event: ev.event, timestamp: ev.timestamp, receivedAt: ev.receivedAt };
        if (ev.data !== undefined) stored.data = ev.data;
        batch.push(stored);
      }
    }
    this.pending = [];
    return batch;
  }

  private save(batch: StoredEvent[]): void {
    if (this.unsaved.length > 0) {
      // Already failing: queue behind the earlier ones, the retry timer writes them all.
      this.keepUnsaved(batch);
      return;
    }
    try {
      this.opts.store.insertBatch(batch);
    } catch (err) {
      this.keepUnsaved(batch);
      this.fail(err);
    }
  }

  private keepUnsaved(batch: StoredEvent[]): void {
    for (const ev of batch) this.unsaved.push(ev);
    const max = this.opts.maxUnsaved ?? 200_000;
    if (this.unsaved.length > max) {
      this.droppedUnsaved += this.unsaved.length - max;
      this.unsaved = this.unsaved.slice(this.unsaved.length - max);
    }
  }

  private fail(err: unknown): void {
    const reason = err instanceof Error ? err.message : String(err);
    const message = `cannot write events to ${this.opts.store.path}: ${reason} — events are still relayed live and kept in memory; free disk space or fix permissions`;
    if (this.error === null) {
      this.error = message;
      this.opts.onStorageError(message);
    }
    if (!this.retryTimer && !this.closed) {
      this.retryTimer = setInterval(() => this.retrySave(), this.opts.retryMs ?? 5000);
      this.retryTimer.unref();
    }
  }

  private retrySave(): void {
    try {
      this.opts.store.insertBatch(this.unsaved);
    } catch (err) {
      this.fail(err);
      return;
    }
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

  private clearSchedule(): void {
    if (this.scheduled === null) return;
    if ('immediate' in this.scheduled) clearImmediate(this.scheduled.immediate);
    else clearTimeout(this.scheduled.timeout);
    this.scheduled = null;
  }
}
