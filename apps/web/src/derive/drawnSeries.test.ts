import { describe, expect, it } from 'vitest';
import type { SeriesByVm } from './chartSeries';
import { drawnSeries } from './drawnSeries';

const series = (lastXs: number[]): SeriesByVm =>
  new Map(
    lastXs.map((x, i) => [
      `vm${i}`,
      [
        { x: 0, y: 0, seq: 1 },
        { x, y: 1, seq: 2 },
      ],
    ]),
  );

describe('drawnSeries', () => {
  it('draws every series up to the limit, skipping empty ones', () => {
    const s = series([5, 6]);
    s.set('empty', []);
    expect(drawnSeries(s, 3)).toEqual({ drawn: [...series([5, 6]).entries()], hidden: 0 });
  });
  it('beyond the limit keeps the most recently active, in input order', () => {
    const r = drawnSeries(series([10, 50, 20, 40, 30]), 3);
    expect(r.drawn.map(([vm]) => vm)).toEqual(['vm1', 'vm3', 'vm4']);
    expect(r.hidden).toBe(2);
  });
});
