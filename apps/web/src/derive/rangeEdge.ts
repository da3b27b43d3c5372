import type { TimeRange } from './timeRange';

/**
 * The range with one edge moved to `t` (the keyboard's brush: `[` and `]` at the
 * selected event). The other edge comes from the window shown now: a live window
 * has no end, so it ends at `nowMs`; an open start falls back to `earliest`.
 * Edges are widened to whole ms so the event at `t` stays inside. Returns null
 * when the result would be empty (the start after the end): the caller says why.
 */
export function rangeWithEdge(
  edge: 'start' | 'end',
  t: number,
  shown: { from: number; to: number },
  nowMs: number,
  earliest: number,
): TimeRange | null {
  const from = edge === 'start' ? Math.floor(t) : Number.isFinite(shown.from) ? shown.from : Math.floor(Math.min(earliest, t));
  const to = edge === 'end' ? Math.ceil(t) : Number.isFinite(shown.to) ? shown.to : Math.ceil(Math.max(nowMs, t));
  if (from > to) return null;
  return { kind: 'absolute', from, to: to === from ? to + 1 : to };
}
