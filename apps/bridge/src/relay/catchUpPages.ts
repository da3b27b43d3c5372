import type { StoredEvent } from '@qmpscope/events';
import type { CatchUpSource } from './clientCursor.js';

/** Pages kept: enough for the clients that fell behind together in an overload (~1,000 events each). */
export const CACHED_PAGES = 32;

interface Page {
  /** The page holds every stored event with seq in (start, start + size]. */
  start: number;
  size: number;
  events: StoredEvent[];
  /** Seq of the first event after the page, when the read that filled it saw one. */
  nextSeq: number | undefined;
}

/**
 * Recent catch-up pages shared between clients. After an overload every client falls behind at
 * about the same place and pages through the same range, each from its own seq. Pages are
 * aligned to multiples of the page size, so after its first (partial) page a client asks for
 * exactly the pages the others ask for: each is read and parsed from SQLite once, and, being the
 * same array, encoded once for all of them (encodedOnce). Only complete pages are cached: the
 * one holding lastSeq is still being extended by live batches.
 */
export class CatchUpPages implements CatchUpSource {
  private pages: Page[] = [];

  constructor(
    private readonly source: CatchUpSource,
    private readonly capacity = CACHED_PAGES,
  ) {}

  lastSeq(): number {
    return this.source.lastSeq();
  }

  /**
   * The events after `afterSeq`, at most `limit`, ascending: the rest of the aligned page that
   * holds afterSeq + 1 (the cached array itself when the cursor is at the page's start), or the
   * source's own answer near the tail. Empty only when nothing is stored after `afterSeq`.
   */
  readAfter(afterSeq: number, limit: number): StoredEvent[] {
    if (limit <= 0) return [];
    let after = afterSeq;
    for (;;) {
      const start = Math.floor(after / limit) * limit;
      if (this.source.lastSeq() < start + limit) return this.source.readAfter(after, limit);
      const page = this.cached(start, limit) ?? this.load(start, limit);
      if (after === start && page.events.length > 0) return page.events;
      const from = firstAfter(page.events, after);
      if (from < page.events.length) return page.events.slice(from);
      // Nothing left in this page (a hole: rows deleted by retention, seqs lost in a crash):
      // go on from the next stored event, not page by page through the hole.
      after = Math.max(start + limit, (page.nextSeq ?? 0) - 1);
    }
  }

  private cached(start: number, size: number): Page | undefined {
    return this.pages.find((p) => p.start === start && p.size === size);
  }

  private load(start: number, size: number): Page {
    // `size` events after `start` include every event of (start, start + size]: seqs are distinct.
    const read = this.source.readAfter(start, size);
    const end = start + size;
    const inPage = firstAfter(read, end);
    const page: Page = { start, size, events: inPage === read.length ? read : read.slice(0, inPage), nextSeq: read[inPage]?.seq };
    this.pages.push(page);
    if (this.pages.length > this.capacity) this.pages.shift();
    return page;
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
