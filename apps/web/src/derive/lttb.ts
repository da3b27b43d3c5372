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
    let avgX = 0;
    let avgY = 0;
    for (let j = nStart; j < nEnd; j++) {
      avgX += (points[j] as P).x;
      avgY += (points[j] as P).y;
    }
    const count = Math.max(1, nEnd - nStart);
    avgX /= count;
    avgY /= count;
    const pa = points[a] as P;
    let best = start;
    let bestArea = -1;
    for (let j = start; j < end; j++) {
      const p = points[j] as P;
      const area = Math.abs((pa.x - avgX) * (p.y - pa.y) - (pa.x - p.x) * (avgY - pa.y));
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
