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

/**
 * A window around the data when the page's own window is open-ended ("all").
 * An open end (now) moves in steps of about 1/32 of the span, and the span
 * stays put between steps: a live redraw then finds every earlier mark at the
 * same place (memoized marks skip it) instead of moving thousands of them
 * by a fraction of a pixel each clock tick.
 */
export function fitDomain(events: readonly StoredEvent[], win: Domain, nowMs: number): Domain {
  let from = win.from;
  let to = win.to;
  const openEnd = !Number.isFinite(to);
  if (openEnd) to = nowMs;
  const slides = Number.isFinite(from);
  if (!slides) {
    // "All": the axis fits the data (a VM whose history lies in the past fills the width), and
    // grows with live events.
    const first = events[0];
    let min = first === undefined ? to - 15 * 60_000 : eventTimeMs(first);
    // Seq order is nearly time order; a short scan catches late rate-limited events at the start.
    for (let i = 1; i < Math.min(events.length, 64); i++) min = Math.min(min, eventTimeMs(events[i] as StoredEvent));
    from = min;
    if (openEnd && first !== undefined) {
      let max = -Infinity;
      for (let i = Math.max(0, events.length - 64); i < events.length; i++) max = Math.max(max, eventTimeMs(events[i] as StoredEvent));
      to = Math.max(max, from);
    }
  }
  const pad = Math.max(1000, (to - from) * 0.02);
  if (!openEnd) return { from: from - pad, to: to + pad };
  const step = endStepMs(to - from);
  const end = Math.ceil((to + pad) / step) * step;
  // A sliding window keeps its span (one step wider, so its start is always shown); a
  // growing one pads its start from the stepped end, so the start moves with the end only.
  return { from: slides ? end - (to - from + 2 * pad + step) : from - Math.max(1000, (end - from) * 0.02), to: end };
}

/** A power of two of seconds near 1/32 of the span (at least 1 s), so it changes rarely as the span grows. */
export function endStepMs(spanMs: number): number {
  return 1000 * 2 ** Math.max(0, Math.ceil(Math.log2(Math.max(1, spanMs / 32 / 1000))));
}
