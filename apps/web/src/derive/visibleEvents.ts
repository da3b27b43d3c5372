import type { StoredEvent } from '@qmpscope/events';
import type { EventView } from './eventView';
import { filterEvents, type Filters, type Window } from './filterEvents';

function showsEverything(filters: Filters, window: Window): boolean {
  return (
    window.from === -Infinity &&
    window.to === Infinity &&
    filters.vms.length === 0 &&
    filters.names.length === 0 &&
    filters.categories.length === 0 &&
    filters.severities.length === 0 &&
    filters.text.trim() === ''
  );
}

/**
 * The events the page shows, kept current as the log grows. Unfiltered, the view is over the
 * log's own array. Filtered, while only new events arrived (same array, filters and window),
 * only the new ones are filtered and appended to the previous result in place: a live batch
 * costs O(batch), never a copy of the list. Anything else filters from scratch into a new array,
 * so views handed out before keep what they showed.
 */
export class VisibleEvents {
  private source: readonly StoredEvent[] | null = null;
  private filters: Filters | null = null;
  private window: Window = { from: NaN, to: NaN };
  private upto = 0;
  private matched: StoredEvent[] = [];

  /** `source` is the log's array (in seq order); events past `upto` are not shown (paused). */
  update(source: readonly StoredEvent[], filters: Filters, window: Window, upto: number): EventView {
    const end = Math.min(upto, source.length);
    if (showsEverything(filters, window)) {
      this.source = null;
      return { items: source, length: end };
    }
    const same = this.source === source && this.filters === filters && this.window.from === window.from && this.window.to === window.to;
    if (same && end >= this.upto) {
      for (const e of filterEvents(source, filters, window, end, this.upto)) this.matched.push(e);
    } else {
      this.matched = filterEvents(source, filters, window, end);
      this.source = source;
      this.filters = filters;
      this.window = { from: window.from, to: window.to };
    }
    this.upto = end;
    return { items: this.matched, length: this.matched.length };
  }
}
