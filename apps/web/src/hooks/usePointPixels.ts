import { useMemo } from 'react';
import { useXAxisScale, useYAxisScale } from 'recharts';
import type { ChartPoint } from '../derive/chartSeries';

export type PointPixels = (p: ChartPoint) => readonly [number, number] | undefined;

/**
 * Where a point lands in the recharts surface, from the chart's own axis
 * scales (so drawn lines, the hover mark and the axes agree). Must be used
 * inside a recharts chart; undefined until its axes exist.
 */
export function usePointPixels(): PointPixels | undefined {
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  return useMemo(() => {
    if (!xScale || !yScale) return undefined;
    return (p: ChartPoint) => {
      const x = xScale(p.x);
      const y = yScale(p.y);
      return x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y) ? undefined : ([x, y] as const);
    };
  }, [xScale, yScale]);
}
