/**
 * SVG path data for a small circle at each point (two arcs each), skipping
 * any the scale cannot place: a sparse series shows where its events are, and
 * a single event is visible at all, while the whole series stays one element.
 */
export function dotsPath<P>(points: readonly P[], toPx: (p: P) => readonly [number, number] | undefined, r: number): string {
  let d = '';
  for (const p of points) {
    const at = toPx(p);
    if (at === undefined) continue;
    const x = Math.round((at[0] - r) * 10) / 10;
    const y = Math.round(at[1] * 10) / 10;
    d += `M${x},${y}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`;
  }
  return d;
}

/** Dots only while they stay apart: beyond one per this many px of plot width they would merge into a band. */
export const PX_PER_DOT = 8;
