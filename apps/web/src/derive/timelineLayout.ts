import type { StoredEvent } from '@qmpscope/events';
import { eventTimeMs } from './eventTime';
import type { EventClass } from './eventFacets';

export interface Domain {
  from: number;
  to: number;
}

export interface TimelineMark {
  event: StoredEvent;
  facets: EventClass;
  lane: number;
  x: number;
  /** Events merged into this mark (same lane, same pixel bucket); the most severe one is shown. */
  count: number;
}

/** Pixels per bucket: nearer marks merge (see timelineScan), so 100k events draw as a few thousand shapes. */
export const BUCKET_PX = 3;

export function xOf(t: number, d: Domain, width: number): number {
  return d.to === d.from ? width / 2 : ((t - d.from) / (d.to - d.from)) * width;
}

export function timeAt(x: number, d: Domain, width: number): number {
  return width <= 0 ? d.from : d.from + (x / width) * (d.to - d.from);
}

/** Zooms by `factor` (< 1 zooms in) keeping time `at` under the same pixel. */
export function zoomDomain(d: Domain, factor: number, at: number = (d.from + d.to) / 2, minSpanMs = 10): Domain {
  const span = Math.max(minSpanMs, (d.to - d.from) * factor);
  const ratio = d.to === d.from ? 0.5 : (at - d.from) / (d.to - d.from);
  const from = at - ratio * span;
  return { from, to: from + span };
}

export function panDomain(d: Domain, byMs: number): Domain {
  return { from: d.from + byMs, to: d.to + byMs };
}

/** A window around the data when the page's own window is open-ended ("all"). */
export function fitDomain(events: readonly StoredEvent[], win: Domain, nowMs: number): Domain {
  let from = win.from;
  let to = win.to;
  if (!Number.isFinite(to)) to = nowMs;
  if (!Number.isFinite(from)) {
    const first = events[0];
    let min = first === undefined ? to - 15 * 60_000 : eventTimeMs(first);
    // Seq order is nearly time order; a short scan catches late rate-limited events at the start.
    for (let i = 1; i < Math.min(events.length, 64); i++) min = Math.min(min, eventTimeMs(events[i] as StoredEvent));
    from = min;
  }
  const pad = Math.max(1000, (to - from) * 0.02);
  return { from: from - pad, to: to + pad };
}
