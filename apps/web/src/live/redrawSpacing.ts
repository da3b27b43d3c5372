/**
 * How long a heavy view (timeline, charts) waits between redraws when it is
 * shown `count` events. Each redraw re-derives over every shown event on the
 * main thread (~0.3–0.6 µs per event for the timeline), so a fixed spacing
 * lets that work grow with the history: at 1M events a 500 ms spacing meant
 * the timeline alone took most of the main thread while history loaded.
 * `usPerEvent` keeps the redraw's share of the main thread bounded instead.
 */
export function redrawSpacingMs(count: number, minMs: number, usPerEvent: number, maxMs = 10_000): number {
  const scaled = Math.ceil((Math.max(0, count) * usPerEvent) / 1000);
  return Math.max(minMs, Math.min(maxMs, scaled));
}
