import { describe, expect, it } from 'vitest';
import { markOrigin } from './markOrigin';
import { xOf } from './timelineLayout';

describe('markOrigin', () => {
  it('draws every time at its domain x (within rounding)', () => {
    const d = { from: 1_764_000_000_123.5, to: 1_764_000_900_000 };
    const o = markOrigin(d, 1200);
    for (const t of [d.from, d.from + 1234.5, d.to - 1, d.to]) expect(o.x(xOf(t, d, 1200)) + o.shiftPx).toBeCloseTo(xOf(t, d, 1200), 1);
  });
  it('gives a mark the same group x while the domain slides by less than the origin step', () => {
    const span = 900_000;
    const t = 1_764_000_500_000.25;
    const xs = new Set<number>();
    for (let from = 1_764_000_000_000; from < 1_764_000_060_000; from += 1000) {
      const d = { from, to: from + span };
      xs.add(markOrigin(d, 1200).x(xOf(t, d, 1200)));
    }
    expect(xs.size).toBeLessThanOrEqual(2);
  });
});
