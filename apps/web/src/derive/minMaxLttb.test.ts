import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lttb } from './lttb';
import { minMaxLttb } from './minMaxLttb';

const pointsOf = (ys: readonly number[]) => ys.map((y, x) => ({ x, y }));

describe('minMaxLttb', () => {
  it('returns small inputs unchanged', () => {
    const pts = pointsOf([1, 2, 3]);
    expect(minMaxLttb(pts, 10)).toBe(pts);
    expect(minMaxLttb(pts, 3)).toBe(pts);
  });

  it('is plain LTTB when preselection would keep nearly everything anyway', () => {
    const pts = pointsOf(Array.from({ length: 100 }, (_, i) => Math.sin(i)));
    expect(minMaxLttb(pts, 30)).toEqual(lttb(pts, 30));
  });

  it('keeps a lone spike and a lone dip in a long flat series', () => {
    const pts = pointsOf(Array.from({ length: 100_000 }, (_, i) => (i === 31_337 ? 100 : i === 77_001 ? -50 : 0)));
    const out = minMaxLttb(pts, 50);
    expect(out).toHaveLength(50);
    expect(out).toContain(pts[31_337]);
    expect(out).toContain(pts[77_001]);
  });

  it('keeps the short dips of a noisy walk', () => {
    let walk = 0;
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const dips = [12_000, 48_000, 90_000];
    // Five samples 1,000 below a walk that wanders ~100: a balloon inflating and giving back.
    const ys = Array.from({ length: 120_000 }, (_, i) => (walk += rand() - 0.5) - (dips.some((d) => i >= d && i < d + 5) ? 1000 : 0));
    const out = minMaxLttb(pointsOf(ys), 200);
    for (const d of dips) expect(out.some((p) => p.x >= d && p.x < d + 5)).toBe(true);
  });

  it('keeps first and last, at most threshold points, in x order, all from the input', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 3, maxLength: 2000 }),
        fc.integer({ min: 3, max: 120 }),
        fc.integer({ min: 1, max: 8 }),
        (ys, t, ratio) => {
          const pts = pointsOf(ys);
          const out = minMaxLttb(pts, t, ratio);
          expect(out.length).toBeLessThanOrEqual(t);
          // From a ratio of 2 on, preselection keeps more than threshold points: LTTB then keeps exactly threshold.
          if (ratio >= 2) expect(out.length).toBe(Math.min(t, pts.length));
          expect(out[0]).toBe(pts[0]);
          expect(out.at(-1)).toBe(pts.at(-1));
          for (let i = 1; i < out.length; i++) expect(out[i]!.x).toBeGreaterThan(out[i - 1]!.x);
          for (const p of out) expect(pts).toContain(p);
        },
      ),
      { numRuns: 150 },
    );
  });
});
