import type { EventStore } from './eventStore.js';
import type { VmCounters } from './vmCounters.js';

export interface RetentionPolicy {
  maxEvents: number;
  maxAgeDays: number;
}

export interface RetentionOptions {
  store: EventStore;
  counters: VmCounters;
  policy: RetentionPolicy;
  /** Called with the VMs whose counts dropped. */
  onDeleted: (vms: Set<string>) => void;
  /** Rows each deleted chunk removed (for /metrics). */
  onDeletedRows?: (rows: number) => void;
  onError: (err: unknown) => void;
  /** Rows per chunk; one chunk of 20k deletes takes a few ms, so ingest never waits long. */
  chunk?: number;
  intervalMs?: number;
  now?: () => number;
}

const DAY_MS = 86_400_000;

/**
 * Deletes the oldest events beyond maxEvents or older than maxAgeDays, at start and every
 * minute, one bounded chunk per macrotask so live ingest interleaves with it.
 */
export class Retention {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private stopped = false;

  constructor(private readonly opts: RetentionOptions) {}

  start(): void {
    void this.runOnce();
    this.timer = setInterval(() => void this.runOnce(), this.opts.intervalMs ?? 60_000);
    this.timer.unref();
  }

  /** Runs chunks until nothing is left to delete; resolves with the number of rows deleted. */
  async runOnce(): Promise<number> {
    if (this.running || this.stopped) return 0;
    this.running = true;
    let total = 0;
    try {
      const { store, counters, policy } = this.opts;
      const now = this.opts.now ?? Date.now;
      for (;;) {
        const range = store.deleteOldest({
          total: counters.total,
          keepNewest: policy.maxEvents,
          olderThanMs: now() - policy.maxAgeDays * DAY_MS,
          chunk: this.opts.chunk ?? 20_000,
        });
        if (!range) break;
        total += range.deleted;
        this.opts.onDeletedRows?.(range.deleted);
        this.opts.onDeleted(counters.removeDeleted(range));
        if (this.stopped) break;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } catch (err) {
      this.opts.onError(err);
    } finally {
      this.running = false;
    }
    return total;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
