import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lttb } from './lttb';

describe('lttb', () => {
  it('returns small inputs unchanged', () => {
    const pts = [
      { x: 0, y: 1 },
      { x: 1, y: 2 },
    ];
    expect(lttb(pts, 10)).toBe(pts);
  });
  it('keeps a lone spike that averaging would lose', () => {
    const pts = Array.from({ length: 1000 }, (_, i) => ({ x: i, y: i === 500 ? 100 : 0 }));
    const out = lttb(pts, 20);
    expect(out).toHaveLength(20);
    expect(out.some((p) => p.y === 100)).toBe(true);
  });
  it('keeps first and last, returns exactly threshold points in x order, all from the input', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 3, maxLength: 300 }),
        fc.integer({ min: 3, max: 100 }),
        (ys, t) => {
          const pts = ys.map((y, x) => ({ x, y }));
          const out = lttb(pts, t);
          expect(out.length).toBe(Math.min(t, pts.length));
          expect(out[0]).toBe(pts[0]);
          expect(out.at(-1)).toBe(pts.at(-1));
          for (let i = 1; i < out.length; i++) expect(out[i]!.x).toBeGreaterThan(out[i - 1]!.x);
          for (const p of out) expect(pts).toContain(p);
        },
      ),
      { numRuns: 100 },
    );
  });
  it('picks what the textbook triangle-area formula picks', () => {
    // The reference: Steinarsson's formulation, area from the two edge vectors.
    const reference = (pts: { x: number; y: number }[], t: number) => {
      const n = pts.length;
      const out = [pts[0]!];
      const bucket = (n - 2) / (t - 2);
      let a = 0;
      for (let i = 0; i < t - 2; i++) {
        const start = Math.floor(i * bucket) + 1;
        const end = Math.min(Math.floor((i + 1) * bucket) + 1, n - 1);
        const next = pts.slice(end, Math.min(Math.floor((i + 2) * bucket) + 1, n));
        const avgX = next.reduce((s, p) => s + p.x, 0) / Math.max(1, next.length);
        const avgY = next.reduce((s, p) => s + p.y, 0) / Math.max(1, next.length);
        const pa = pts[a]!;
        let best = start;
        let bestArea = -1;
        for (let j = start; j < end; j++) {
          const area = Math.abs((pa.x - avgX) * (pts[j]!.y - pa.y) - (pa.x - pts[j]!.x) * (avgY - pa.y)) / 2;
          if (area > bestArea) {
            bestArea = area;
            best = j;
          }
        }
        out.push(pts[best]!);
        a = best;
      }
      out.push(pts[n - 1]!);
      return out;
    };
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 20, maxLength: 400 }),
        fc.integer({ min: 3, max: 19 }),
        (ys, t) => {
          const pts = ys.map((y, x) => ({ x, y }));
          expect(lttb(pts, t)).toEqual(reference(pts, t));
        },
      ),
      { numRuns: 100 },
    );
  });
});
