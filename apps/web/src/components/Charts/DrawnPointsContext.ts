import { createContext } from 'react';
import type { ChartPoint } from '../../derive/chartSeries';

export type DrawnPoints = ReadonlyArray<readonly [string, readonly ChartPoint[]]>;

/**
 * The points a chart draws, per VM, handed past recharts: SeriesChart keeps
 * the recharts tree (axes, grid, scales) as one memoized element, so a live
 * update that leaves the axes as they were re-renders only the lines and the
 * pointer layer that read this, not recharts' whole chart.
 */
export const DrawnPointsContext = createContext<DrawnPoints>([]);
