export interface RowWindow {
  /** First row index to render. */
  start: number;
  /** One past the last row index to render. */
  end: number;
}

/**
 * Which rows of a fixed-height list intersect the viewport, plus `overscan`
 * rows each side. O(1) whatever the count: a virtualizer that measures every
 * row costs O(n) per appended batch, which at 100k rows is a dropped frame.
 */
export function rowWindow(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, overscan: number): RowWindow {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const last = Math.ceil((Math.max(0, scrollTop) + Math.max(0, viewportHeight)) / rowHeight);
  const start = Math.min(count, Math.max(0, first - overscan));
  const end = Math.min(count, last + overscan);
  return { start: Math.min(start, end), end };
}

/** The scrollTop that brings row `index` fully into view with the least movement (unchanged if it already is). */
export function scrollTopFor(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewportHeight) return top + rowHeight - viewportHeight;
  return scrollTop;
}

/**
 * The scrollTop at which the last row sits at the bottom of the viewport: where a list that
 * follows the newest row will be once the browser has applied the scroll. Rendering the window
 * for this position at once (rather than for the scrollTop read on the last scroll event) puts
 * new rows into the DOM in the same commit that learns of them; waiting for the scroll event
 * cost a frame and a second render per batch.
 */
export function endScrollTop(count: number, viewportHeight: number, rowHeight: number): number {
  return Math.max(0, count * rowHeight - Math.max(0, viewportHeight));
}

/** Overscan above the viewport while a list follows its newest row (see followWindow). */
export const FOLLOW_OVERSCAN = 2;

/**
 * The rows to render for a fixed-height list whose first visible row is `firstRow`, or, while it
 * follows its newest row (`atEnd`), for its end with only FOLLOW_OVERSCAN rows of overscan above:
 * every rendered row changes in each frame of a stream, so a row nobody sees still costs its
 * render and layout in every frame.
 */
export function followWindow(
  firstRow: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan: number,
  atEnd: boolean,
): RowWindow {
  const top = atEnd ? endScrollTop(count, viewportHeight, rowHeight) : firstRow * rowHeight;
  // +rowHeight: the first row may be partly scrolled off, so one more fits below.
  return rowWindow(top, viewportHeight + rowHeight, rowHeight, count, atEnd ? Math.min(overscan, FOLLOW_OVERSCAN) : overscan);
}
