import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lttb } from './lttb';

describe('lttb', () => {
  it('returns small inputs unchanged', () => {
    const pts = [{ x: 0, y: 1 }, { x: 1, y: 2 }];
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
      fc.property(fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 3, maxLength: 300 }), fc.integer({ min: 3, max: 100 }), (ys, t) => {
        const pts = ys.map((y, x) => ({ x, y }));
        const out = lttb(pts, t);
        expect(out.length).toBe(Math.min(t, pts.length));
        expect(out[0]).toBe(pts[0]);
        expect(out.at(-1)).toBe(pts.at(-1));
        for (let i = 1; i < out.length; i++) expect(out[i]!.x).toBeGreaterThan(out[i - 1]!.x);
        for (const p of out) expect(pts).toContain(p);
      }),
      { numRuns: 100 },
    );
  });
});
