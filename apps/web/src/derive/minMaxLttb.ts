import { lttb, type Point } from './lttb';

/**
 * Preselected points per output point. The MinMaxLTTB paper (Van Der Donckt et al. 2023)
 * finds LTTB's picks matched in practice from 4 on; more only costs the LTTB step.
 */
export const MIN_MAX_RATIO = 4;

/**
 * MinMaxLTTB (Van Der Donckt et al. 2023): one min/max pass keeps the lowest and highest
 * point of each of threshold*ratio/2 equal-index buckets (plus first and last), then LTTB
 * picks `threshold` of those few. Plain LTTB reads every point twice (next bucket's
 * average, then the areas); this reads each once, so a million points cost about one
 * scan, and a peak survives because it is its bucket's max or min.
 * Returns the input itself when it is already small enough, like `lttb`.
 */
export function minMaxLttb<P extends Point>(points: readonly P[], threshold: number, ratio = MIN_MAX_RATIO): readonly P[] {
  const n = points.length;
  if (threshold >= n || threshold < 3) return points;
  // Too few points for preselection to save anything: LTTB over all of them.
  if (threshold * ratio >= n) return lttb(points, threshold);
  return lttb(minMaxPreselect(points, Math.floor((threshold * ratio) / 2)), threshold);
}

/**
 * First point, then each bucket's min and max in index order (once if they coincide),
 * then the last point: x order is kept, so LTTB's buckets stay meaningful.
 */
function minMaxPreselect<P extends Point>(points: readonly P[], buckets: number): P[] {
  const n = points.length;
  const out: P[] = [points[0] as P];
  const size = (n - 2) / buckets;
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor(b * size) + 1;
    const end = Math.min(Math.floor((b + 1) * size) + 1, n - 1);
    if (start >= end) continue;
    let lo = (points[start] as P).y;
    let hi = lo;
    let loAt = start;
    let hiAt = start;
    for (let j = start + 1; j < end; j++) {
      const y = (points[j] as P).y;
      // `else`: with lo <= hi a value cannot be both, and one comparison is skipped mostly.
      if (y < lo) {
        lo = y;
        loAt = j;
      } else if (y > hi) {
        hi = y;
        hiAt = j;
      }
    }
    if (loAt < hiAt) out.push(points[loAt] as P, points[hiAt] as P);
    else if (hiAt < loAt) out.push(points[hiAt] as P, points[loAt] as P);
    else out.push(points[loAt] as P);
  }
  out.push(points[n - 1] as P);
  return out;
}
