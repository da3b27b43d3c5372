import type { StoredEvent } from '@qmpscope/events';
import { searchTextOf } from '../derive/eventFacets';
import type { EventView } from '../derive/eventView';
import type { LiveClock } from './clock';

/** Events warmed between looks at the time: a slice run by its timeout (no idle time) warms this many. */
export const WARM_CHUNK = 32;
/** A slice ends after this long even with idle time to spare, so a socket message arriving meanwhile waits little. */
export const WARM_SLICE_MS = 8;
/**
 * Only the newest events are warmed: a cached search text for every event of a large history
 * would exceed the page's heap budget (docs/PERFORMANCE.md); older ones get theirs on the
 * first search that reaches them.
 */
export const WARM_NEWEST = 100_000;
/** How long a slice waits for idle time before it runs anyway. */
export const WARM_IDLE_WAIT_MS = 1000;

/**
 * Builds the search text of the newest events shown in idle time, a slice at a time, so the
 * first search over 100k events scans cached strings instead of stringifying each event in
 * the click. The engine tells it what is shown; `null` (history still arriving) stops it, as
 * each page of history would move the warm window up and idle time between pages would warm
 * far more than the newest WARM_NEWEST.
 */
export class SearchWarmup {
  private target: EventView | null = null;
  /** Events of `target.items` below this index are warmed (or left cold on purpose). */
  private upto = 0;
  private cancel: (() => void) | null = null;

  constructor(
    private readonly clock: LiveClock,
    private readonly warm: (e: StoredEvent) => void = (e) => void searchTextOf(e),
  ) {}

  /** The events shown now (`null` while the history arrives); warming follows them. */
  follow(shown: EventView | null): void {
    // Another array (another log, or an out-of-order insert) starts over: its events are other objects or moved.
    if (shown === null || shown.items !== this.target?.items) this.upto = 0;
    this.target = shown;
    if (shown === null) return this.stop();
    this.upto = Math.max(this.upto, shown.length - WARM_NEWEST);
    if (this.upto < shown.length) this.schedule();
  }

  /** Events still to warm. */
  get remaining(): number {
    return this.target === null ? 0 : this.target.length - this.upto;
  }

  stop(): void {
    this.cancel?.();
    this.cancel = null;
  }

  private schedule(): void {
    if (this.cancel === null) this.cancel = this.clock.idle((timeLeft) => this.slice(timeLeft), WARM_IDLE_WAIT_MS);
  }

  /** One chunk, then more while the idle period lasts, for at most WARM_SLICE_MS. */
  private slice(timeLeft: () => number): void {
    this.cancel = null;
    const target = this.target;
    if (target === null) return;
    const until = this.clock.now() + WARM_SLICE_MS;
    do {
      const end = Math.min(target.length, this.upto + WARM_CHUNK);
      for (; this.upto < end; this.upto++) this.warm(target.items[this.upto] as StoredEvent);
    } while (this.upto < target.length && timeLeft() > 0 && this.clock.now() < until);
    if (this.upto < target.length) this.schedule();
  }
}
