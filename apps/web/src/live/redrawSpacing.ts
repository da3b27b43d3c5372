/**
 * How long a heavy view (timeline, charts) waits between redraws when it is shown `count`
 * events: each redraw re-derives over every shown event, so the spacing grows by `usPerEvent`
 * per event and the redraws' share of the main thread stays bounded (docs/PERFORMANCE.md).
 */
export function redrawSpacingMs(count: number, minMs: number, usPerEvent: number, maxMs = 10_000): number {
  const scaled = Math.ceil((Math.max(0, count) * usPerEvent) / 1000);
  return Math.max(minMs, Math.min(maxMs, scaled));
}
