import type { StoredEvent } from '@qmpscope/events';

export interface AppendResult {
  added: number;
  /** Seqs skipped between what we held and what arrived (the server promises none). */
  gap: number;
}

/**
 * Every event the page holds, ascending by seq; owned by the live engine, which alone appends.
 * Appending is O(batch): the array is extended in place and never copied, so 1M events stay
 * cheap; views read it through the engine's snapshots (an EventView ends at a length), never
 * directly. Lookups by seq are a binary search: a seq -> index Map costs a lot of heap at 1M events.
 */
export class EventLog {
  private list: StoredEvent[] = [];

  /**
   * The events, appended to in place. The rare out-of-order insert builds a new array instead,
   * so an EventView over the old one keeps showing what it showed (views never change below
   * their length); a reader that compares identities sees the change.
   */
  get events(): readonly StoredEvent[] {
    return this.list;
  }

  get length(): number {
    return this.list.length;
  }

  /** Highest seq held, 0 when empty: exactly what `subscribe({after})` wants. */
  get lastSeq(): number {
    return this.events.at(-1)?.seq ?? 0;
  }

  indexOf(seq: number): number | undefined {
    const i = this.lowerBound(seq);
    return this.events[i]?.seq === seq ? i : undefined;
  }

  get(seq: number): StoredEvent | undefined {
    const i = this.indexOf(seq);
    return i === undefined ? undefined : this.events[i];
  }

  append(batch: readonly StoredEvent[]): AppendResult {
    let added = 0;
    let gap = 0;
    for (const e of batch) {
      const last = this.lastSeq;
      if (e.seq > last) {
        if (this.events.length > 0 && e.seq > last + 1) gap += e.seq - last - 1;
        this.list.push(e);
      } else {
        const at = this.lowerBound(e.seq);
        if (this.events[at]?.seq === e.seq) continue;
        // Rare path (a server bug or a replay): keeps order at O(n) cost rather than losing the event.
        this.list = [...this.list.slice(0, at), e, ...this.list.slice(at)];
      }
      added++;
    }
    return { added, gap };
  }

  /** The first index whose seq is >= `seq` (events are ascending by seq). */
  private lowerBound(seq: number): number {
    let lo = 0;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.events[mid] as StoredEvent).seq < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
