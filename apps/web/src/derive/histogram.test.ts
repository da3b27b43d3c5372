import { describe, expect, it } from 'vitest';
import { histogram } from './histogram';

describe('histogram', () => {
  it('bins times, includes the end, ignores outsiders', () => {
    const bins = histogram([0, 1, 2.5, 9.99, 10, 11, -1], 0, 10, 5);
    expect(bins.map((b) => b.count)).toEqual([2, 1, 0, 0, 2]);
    expect(bins[0]).toMatchObject({ from: 0, to: 2 });
  });
  it('survives an empty window', () => {
    expect(histogram([1], 5, 5, 3).map((b) => b.count)).toEqual([0, 0, 0]);
  });
});
