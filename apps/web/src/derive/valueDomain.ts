import type { ChartPoint } from './chartSeries';

/**
 * The y range a chart's axis spans: from 0 (or below it, for negative values
 * such as an RTC offset) to the largest drawn value. Computed over the drawn
 * points because the lines are plain paths recharts does not see.
 */
export function valueDomain(series: ReadonlyArray<readonly [string, readonly ChartPoint[]]>): [number, number] {
  let lo = 0;
  let hi = -Infinity;
  for (const [, points] of series) {
    for (const p of points) {
      if (p.y < lo) lo = p.y;
      if (p.y > hi) hi = p.y;
    }
  }
  if (hi === -Infinity || hi <= lo) hi = lo + 1;
  return [lo, hi];
}

/** The x range of the drawn points; [NaN, NaN] when there are none. */
export function timeDomain(series: ReadonlyArray<readonly [string, readonly ChartPoint[]]>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const [, points] of series) {
    for (const p of points) {
      if (p.x < lo) lo = p.x;
      if (p.x > hi) hi = p.x;
    }
  }
  return lo > hi ? [NaN, NaN] : [lo, hi];
}
