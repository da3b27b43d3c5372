import type { StoredEvent } from '@qmpscope/events';

/**
 * The most recent events in memory: what catch-up serves while the database refuses writes
 * (those events exist nowhere else), and a cheap source for clients only slightly behind.
 */
export class RecentEvents {
  private items: StoredEvent[] = [];

  constructor(private readonly capacity: number) {}

  append(batch: readonly StoredEvent[]): void {
    for (const ev of batch) this.items.push(ev);
    // Trim in bulk at 2x so appends stay amortised O(1).
    if (this.items.length > 2 * this.capacity) this.items = this.items.slice(this.items.length - this.capacity);
  }

  /** Seq of the oldest event held, or null when empty. */
  oldestSeq(): number | null {
    return this.items[0]?.seq ?? null;
  }

  /** Up to `limit` events with seq > `afterSeq`, ascending. */
  after(afterSeq: number, limit: number): StoredEvent[] {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.items[mid]!.seq <= afterSeq) lo = mid + 1;
      else hi = mid;
    }
    return this.items.slice(lo, lo + limit);
  }
}
