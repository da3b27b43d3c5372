import type { ChartPoint } from './chartSeries';

export interface PickedPoint {
  vm: string;
  point: ChartPoint;
}

/**
 * The drawn point closest to a pointer position, in pixels. Lines carry no
 * per-point elements (that made every redraw hundreds of ms), so a click on a
 * chart is resolved here against what the chart actually drew. Points the
 * scales cannot place (outside a domain) are skipped.
 */
export function nearestPoint(
  series: ReadonlyArray<readonly [string, readonly ChartPoint[]]>,
  toPx: (p: ChartPoint) => readonly [number, number] | undefined,
  px: number,
  py: number,
): PickedPoint | null {
  let best: PickedPoint | null = null;
  let bestD = Infinity;
  for (const [vm, points] of series) {
    for (const point of points) {
      const at = toPx(point);
      if (at === undefined) continue;
      const dx = at[0] - px;
      const dy = at[1] - py;
      const d = dx * dx + dy * dy;
      if (d < bestD) {
        bestD = d;
        best = { vm, point };
      }
    }
  }
  return best;
}
