import { describe, expect, it } from 'vitest';
import { minMaxLttb } from './minMaxLttb';
import { SampleCache } from './sampleCache';

const series = (n: number) => Array.from({ length: n }, (_, i) => ({ x: i, y: Math.sin(i / 7) * 100, seq: i }));

describe('SampleCache', () => {
  it('returns the same downsample while a series is unchanged, and MinMaxLTTB of it', () => {
    const c = new SampleCache();
    const pts = series(1000);
    const a = c.sample(pts, 50);
    expect(a).toEqual(minMaxLttb(pts, 50));
    expect(c.sample(pts, 50)).toBe(a);
  });

  it('recomputes when the series grew in place or the threshold changed', () => {
    const c = new SampleCache();
    const pts = series(1000);
    const a = c.sample(pts, 50);
    expect(c.sample(pts, 60)).toHaveLength(60);
    pts.push({ x: 1000, y: 1e6, seq: 1000 });
    const b = c.sample(pts, 50);
    expect(b).not.toBe(a);
    expect(b.at(-1)?.seq).toBe(1000);
  });

  it('keeps a small series as it was when sampled, though the array grows later', () => {
    const c = new SampleCache();
    const pts = series(3);
    const a = c.sample(pts, 50);
    pts.push({ x: 3, y: 0, seq: 3 });
    expect(a).toHaveLength(3);
    expect(c.sample(pts, 50)).toHaveLength(4);
  });
});
