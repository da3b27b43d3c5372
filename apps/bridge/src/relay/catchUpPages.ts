import type { StoredEvent } from '@qmpscope/events';
import type { CatchUpSource } from './clientCursor.js';

/** Pages kept: enough for the clients that fell behind together in an overload (~1,000 events each). */
export const CACHED_PAGES = 16;

/**
 * Recent catch-up pages shared between clients. After an overload every client falls behind at
 * about the same place and pages through the same range; reading and parsing a page from SQLite
 * is most of a page's cost, so it is paid once, not once per client (docs/PERFORMANCE.md).
 * A cached page holds every event with seq in (after, last]: a cursor inside that range is served
 * the events after it, which is exactly what the source would return (stored events never change).
 */
export class CatchUpPages implements CatchUpSource {
  private pages: { after: number; events: StoredEvent[] }[] = [];

  constructor(private readonly source: CatchUpSource, private readonly capacity = CACHED_PAGES) {}

  lastSeq(): number {
    return this.source.lastSeq();
  }

  readAfter(afterSeq: number, limit: number): StoredEvent[] {
    for (const page of this.pages) {
      const last = page.events[page.events.length - 1]!;
      if (page.after > afterSeq || last.seq <= afterSeq) continue;
      const from = firstAfter(page.events, afterSeq);
      return page.events.slice(from, from + limit);
    }
    const events = this.source.readAfter(afterSeq, limit);
    // Only full pages: a short one is the tail of the log, which live batches are still extending.
    if (events.length === limit && limit > 0) {
      this.pages.push({ after: afterSeq, events });
      if (this.pages.length > this.capacity) this.pages.shift();
    }
    return events;
  }
}

/** Index of the first event with seq > afterSeq (events ascending by seq). */
function firstAfter(events: readonly StoredEvent[], afterSeq: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid]!.seq <= afterSeq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
