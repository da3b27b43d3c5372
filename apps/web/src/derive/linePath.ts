/**
 * SVG path data for a polyline through the points, skipping any the scale
 * cannot place. One string per series: the browser draws a line of 2,000
 * points as fast as one of 2, while React and recharts pay per element.
 */
export function linePath<P>(points: readonly P[], toPx: (p: P) => readonly [number, number] | undefined): string {
  let d = '';
  for (const p of points) {
    const at = toPx(p);
    if (at === undefined) continue;
    d += `${d === '' ? 'M' : 'L'}${Math.round(at[0] * 10) / 10},${Math.round(at[1] * 10) / 10}`;
  }
  return d;
}
