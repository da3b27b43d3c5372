import type { ChartPoint } from './chartSeries';
import { minMaxLttb } from './minMaxLttb';

interface Entry {
  length: number;
  last: ChartPoint | undefined;
  threshold: number;
  sampled: readonly ChartPoint[];
}

/**
 * MinMaxLTTB per series, redone only for series that changed. A live batch touches a
 * few VMs; the other drawn series (each possibly a million points) keep their
 * downsample. Series arrays grow in place (ChartDataBuilder), so a series is
 * unchanged when its array, length and last point are.
 */
export class SampleCache {
  private entries = new WeakMap<readonly ChartPoint[], Entry>();

  sample(points: readonly ChartPoint[], threshold: number): readonly ChartPoint[] {
    const last = points[points.length - 1];
    const e = this.entries.get(points);
    if (e && e.length === points.length && e.last === last && e.threshold === threshold) return e.sampled;
    // A copy when the input itself comes back: the array keeps growing after this.
    const out = minMaxLttb(points, threshold);
    const sampled = out === points ? points.slice() : out;
    this.entries.set(points, { length: points.length, last, threshold, sampled });
    return sampled;
  }
}
