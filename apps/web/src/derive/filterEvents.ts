import type { StoredEvent } from '@qmpscope/events';
import { eventTimeMs } from './eventTime';
import { classOf, searchTextOf } from './eventFacets';

/** An empty list means "no restriction". */
export interface Filters {
  vms: string[];
  names: string[];
  categories: string[];
  severities: string[];
  text: string;
}

export interface Window {
  from: number;
  to: number;
}

/**
 * The events the page shows, in seq order: a single pass over events[start, upto)
 * (events past `upto` arrived while paused; `start` lets live updates filter only the new batch).
 * Set lookups and a cached lowercase search text keep the cost per event to a few lookups.
 */
export function filterEvents(
  events: readonly StoredEvent[],
  filters: Filters,
  window: Window,
  upto: number = events.length,
  start = 0,
): StoredEvent[] {
  const vms = filters.vms.length > 0 ? new Set(filters.vms) : null;
  const names = filters.names.length > 0 ? new Set(filters.names) : null;
  const cats = filters.categories.length > 0 ? new Set(filters.categories) : null;
  const sevs = filters.severities.length > 0 ? new Set(filters.severities) : null;
  const text = filters.text.trim().toLowerCase();
  const timed = window.from > -Infinity || window.to < Infinity;
  const out: StoredEvent[] = [];
  const end = Math.min(upto, events.length);
  for (let i = Math.max(0, start); i < end; i++) {
    const e = events[i] as StoredEvent;
    if (vms && !vms.has(e.vm)) continue;
    if (names && !names.has(e.event)) continue;
    if (timed) {
      const t = eventTimeMs(e);
      if (t < window.from || t > window.to) continue;
    }
    if (cats || sevs) {
      const c = classOf(e);
      if (cats && !cats.has(c.category)) continue;
      if (sevs && !sevs.has(c.severity)) continue;
    }
    if (text && !searchTextOf(e).includes(text)) continue;
    out.push(e);
  }
  return out;
}
