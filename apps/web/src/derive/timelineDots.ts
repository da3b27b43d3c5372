import type { Category } from '@qmpscope/events';
import type { TimelineMark } from './timelineLayout';

/**
 * Info-severity marks are the timeline's bulk (RTC_CHANGE, BALLOON_CHANGE... a fleet sends
 * thousands a minute) and all look alike: a dot in its category's colour. They are drawn as one
 * path per category, not one element each: while live, a redraw rescales every mark, and an
 * element per mark makes that commit long enough to hold the list's rows back. The rarer notice/warning/error marks stay elements, with their tooltips.
 * The selected mark is an element too, so it can be outlined.
 */
export function isDot(m: TimelineMark, selectedSeq: number | null): boolean {
  return m.facets.severity === 'info' && m.event.seq !== selectedSeq;
}

/**
 * Path data per category: one zero-length subpath per dot, which a round line cap draws as a
 * disc of the stroke's width (the shortest path text per dot SVG has).
 */
export function dotPaths(
  dots: readonly TimelineMark[],
  xOf: (m: TimelineMark) => number,
  yOf: (m: TimelineMark) => number,
): Map<Category, string> {
  const parts = new Map<Category, string[]>();
  for (const m of dots) {
    let list = parts.get(m.facets.category);
    if (list === undefined) parts.set(m.facets.category, (list = []));
    list.push(`M${Math.round(xOf(m) * 10) / 10} ${yOf(m)}h0`);
  }
  const out = new Map<Category, string>();
  for (const [category, list] of parts) out.set(category, list.join(''));
  return out;
}

/** The dot nearest a pointer position, if one is within `maxPx`: dots have no element to hover or click. */
export function nearestDot(
  dots: readonly TimelineMark[],
  xOf: (m: TimelineMark) => number,
  yOf: (m: TimelineMark) => number,
  px: number,
  py: number,
  maxPx: number,
): TimelineMark | null {
  let best: TimelineMark | null = null;
  let bestD = maxPx * maxPx;
  for (const m of dots) {
    const dx = xOf(m) - px;
    const dy = yOf(m) - py;
    const d = dx * dx + dy * dy;
    if (d <= bestD) {
      bestD = d;
      best = m;
    }
  }
  return best;
}
