export interface Point {
  x: number;
  y: number;
}

/**
 * Largest-Triangle-Three-Buckets downsampling (Steinarsson 2013): keeps the
 * first and last point and, per bucket, the point forming the largest triangle
 * with its neighbours, so peaks survive where averaging would flatten them.
 * Returns the input itself when it is already small enough.
 */
export function lttb<P extends Point>(points: readonly P[], threshold: number): readonly P[] {
  const n = points.length;
  if (threshold >= n || threshold < 3) return points;
  const out: P[] = [points[0] as P];
  const bucket = (n - 2) / (threshold - 2);
  let a = 0;
  for (let i = 0; i < threshold - 2; i++) {
    const start = Math.floor(i * bucket) + 1;
    const end = Math.min(Math.floor((i + 1) * bucket) + 1, n - 1);
    // Average of the next bucket is the triangle's third corner.
    const nStart = end;
    const nEnd = Math.min(Math.floor((i + 2) * bucket) + 1, n);
    let sumX = 0;
    let sumY = 0;
    for (let j = nStart; j < nEnd; j++) {
      const p = points[j] as P;
      sumX += p.x;
      sumY += p.y;
    }
    const count = Math.max(1, nEnd - nStart);
    const avgX = sumX / count;
    const avgY = sumY / count;
    const pa = points[a] as P;
    // The textbook edge-vector form, not the cheaper k1*y + k2*x + k0 expansion: that one
    // cancels terms near 1e21 with epoch-ms x values and picks differently on near-ties.
    // Speed no longer hinges on it: the dashboard runs LTTB over MinMaxLTTB's few
    // preselected points (minMaxLttb.ts), not over the raw series.
    const dx = pa.x - avgX;
    const dy = avgY - pa.y;
    let best = start;
    let bestArea = -1;
    for (let j = start; j < end; j++) {
      const p = points[j] as P;
      let area = dx * (p.y - pa.y) - (pa.x - p.x) * dy;
      if (area < 0) area = -area;
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    out.push(points[best] as P);
    a = best;
  }
  out.push(points[n - 1] as P);
  return out;
}
