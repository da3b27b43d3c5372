import type { ChartPoint, SeriesByVm } from './chartSeries';

/**
 * Series a chart draws as lines: recharts renders every series as its own
 * layer and legend entry, so 1,000 VMs made each chart redraw take hundreds of
 * ms (and no one can tell 1,000 colours apart). Beyond this, the most recently
 * active VMs are drawn and the caption names how many were left out.
 */
export const MAX_DRAWN_SERIES = 24;

export interface DrawnSeries {
  /** In the input's order (a VM keeps its colour whether or not others are hidden). */
  drawn: Array<readonly [string, ChartPoint[]]>;
  hidden: number;
}

export function drawnSeries(series: SeriesByVm, max = MAX_DRAWN_SERIES): DrawnSeries {
  const all = [...series.entries()].filter(([, pts]) => pts.length > 0);
  if (all.length <= max) return { drawn: all, hidden: 0 };
  const lastX = (pts: ChartPoint[]): number => (pts[pts.length - 1] as ChartPoint).x;
  const keep = new Set(
    all
      .slice()
      .sort((a, b) => lastX(b[1]) - lastX(a[1]))
      .slice(0, max)
      .map(([vm]) => vm),
  );
  return { drawn: all.filter(([vm]) => keep.has(vm)), hidden: all.length - keep.size };
}
