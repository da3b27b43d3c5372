import type { StoredEvent } from '@qmpscope/events';

/**
 * Counts of each event name in an append-only list, updated incrementally:
 * each call looks only at the events added since the last one.
 */
export class NameCounts {
  private seen = 0;
  private readonly counts = new Map<string, number>();

  update(events: readonly StoredEvent[]): ReadonlyMap<string, number> {
    if (events.length < this.seen) {
      this.seen = 0;
      this.counts.clear();
    }
    for (let i = this.seen; i < events.length; i++) {
      const name = (events[i] as StoredEvent).event;
      this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
    }
    this.seen = events.length;
    return this.counts;
  }
}
