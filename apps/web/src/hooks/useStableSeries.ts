import { useRef } from 'react';
import { sameSeries, type SeriesByVm } from '../derive/chartSeries';

/** Returns the previous series object while the points are the same, so memoized charts skip the redraw. */
export function useStableSeries(next: SeriesByVm): SeriesByVm {
  const prev = useRef(next);
  if (prev.current !== next && !sameSeries(prev.current, next)) prev.current = next;
  return prev.current;
}
