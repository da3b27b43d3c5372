export interface Bin {
  from: number;
  to: number;
  count: number;
}

/** Counts times into `bins` equal bins over [from, to]; times outside are ignored, `to` itself lands in the last bin. */
export function histogram(times: Iterable<number>, from: number, to: number, bins: number): Bin[] {
  const n = Math.max(1, Math.floor(bins));
  const width = (to - from) / n;
  const out: Bin[] = Array.from({ length: n }, (_, i) => ({ from: from + i * width, to: from + (i + 1) * width, count: 0 }));
  if (!(width > 0)) return out;
  for (const t of times) {
    if (t < from || t > to) continue;
    const i = Math.min(n - 1, Math.floor((t - from) / width));
    (out[i] as Bin).count++;
  }
  return out;
}
