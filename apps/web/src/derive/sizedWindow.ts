/** Which items of a list of varying heights to render, and the space the others take. */
export interface SizedWindow {
  /** First item index to render. */
  start: number;
  /** One past the last item index to render. */
  end: number;
  /** Height of the items before `start` (a spacer above the rendered ones). */
  before: number;
  /** Height of the items from `end` on (a spacer below). */
  after: number;
}

/**
 * Windowing for a list whose items differ in height (the VM cards: an error line, a last
 * problem, wrapped names). `heightOf(i)` is the measured height of item i including the gap
 * after it, or undefined before it was ever rendered, when `estimate` stands in. O(n) in the
 * item count: fine for a thousand cards, where rendering them all cost most of each frame.
 */
export function sizedWindow(
  count: number,
  heightOf: (index: number) => number | undefined,
  estimate: number,
  scrollTop: number,
  viewportHeight: number,
  overscan: number,
): SizedWindow {
  if (count <= 0) return { start: 0, end: 0, before: 0, after: 0 };
  const top = Math.max(0, scrollTop);
  const bottom = top + Math.max(0, viewportHeight);
  let y = 0;
  let first = -1;
  let last = count - 1;
  for (let i = 0; i < count; i++) {
    const h = heightOf(i) ?? estimate;
    if (first < 0 && y + h > top) first = i;
    if (y >= bottom) {
      last = i - 1;
      break;
    }
    y += h;
  }
  // Scrolled past the end (the list shrank): show its last items.
  if (first < 0) first = count - 1;
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, Math.max(last, first) + 1 + overscan);
  let before = 0;
  let total = 0;
  for (let i = 0; i < count; i++) {
    const h = heightOf(i) ?? estimate;
    if (i < start) before += h;
    total += h;
  }
  let inside = 0;
  for (let i = start; i < end; i++) inside += heightOf(i) ?? estimate;
  return { start, end, before, after: total - before - inside };
}
