import { describe, expect, it } from 'vitest';
import { MAX_POINTS, pointsPerSeries } from './chartSampling';

describe('pointsPerSeries', () => {
  it('follows the plot width for a single series', () => {
    expect(pointsPerSeries(600, 1)).toBe(300);
  });

  it('shares the point budget between many series', () => {
    expect(pointsPerSeries(3000, 24)).toBe(Math.floor(MAX_POINTS / 24));
    expect(pointsPerSeries(3000, 24) * 24).toBeLessThanOrEqual(MAX_POINTS);
  });

  it('never goes under the 3 points LTTB needs, even for a collapsed chart', () => {
    expect(pointsPerSeries(0, 1)).toBe(3);
    expect(pointsPerSeries(-50, 1000)).toBe(3);
  });
});
