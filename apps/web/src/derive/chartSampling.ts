/**
 * The whole chart stays under this many drawn points, however many events are
 * in range (issue 5: never more than ~2,000). Each VM is one SVG path, so the
 * cost of a point is a few characters of path data, not React elements.
 */
export const MAX_POINTS = 2000;

/** A line looks exact at about one point per 2 px: more only costs redraw time. */
export const PX_PER_POINT = 2;

/**
 * How many points MinMaxLTTB keeps per drawn series: enough to fill the plot's width,
 * shared so the chart's total stays under MAX_POINTS, and at least LTTB's
 * minimum of 3 (first, last, one peak).
 */
export function pointsPerSeries(plotWidthPx: number, seriesCount: number, maxPoints = MAX_POINTS): number {
  const byWidth = Math.floor(Math.max(0, plotWidthPx) / PX_PER_POINT);
  const byBudget = Math.floor(maxPoints / Math.max(1, seriesCount));
  return Math.max(3, Math.min(byWidth, byBudget));
}
