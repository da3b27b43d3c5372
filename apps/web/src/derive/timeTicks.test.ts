import { describe, expect, it } from 'vitest';
import { timeTicks } from './timeTicks';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

describe('timeTicks', () => {
  it('picks round steps, inside the range, at most maxCount', () => {
    const ticks = timeTicks(T0 + 1234, T0 + 10 * 60_000, 6, 0);
    expect(ticks).toEqual([2, 4, 6, 8, 10].map((m) => T0 + m * 60_000));
  });

  it('rounds in local time', () => {
    // UTC+5:30: a 1 h step lands on local whole hours, i.e. :30 UTC.
    const ticks = timeTicks(T0, T0 + 5 * 3_600_000, 5, 5.5 * 3_600_000);
    expect(ticks[0]).toBe(T0 + 30 * 60_000);
    expect(ticks.every((t) => (t + 5.5 * 3_600_000) % 3_600_000 === 0)).toBe(true);
  });

  it('stays bounded for huge spans and handles empty or single-instant ranges', () => {
    expect(timeTicks(0, 1000 * 86_400_000, 6, 0).length).toBeLessThanOrEqual(6);
    expect(timeTicks(T0, T0, 6)).toEqual([T0]);
    expect(timeTicks(T0, T0 - 1, 6)).toEqual([]);
    expect(timeTicks(NaN, T0, 6)).toEqual([]);
  });
  it('takes the next finer step when the round one leaves a single tick and the finer fits', () => {
    expect(timeTicks(10_000, 110_000, 3, 0)).toEqual([30_000, 60_000, 90_000]);
    // No room for the finer step's ticks: the single one stays.
    expect(timeTicks(10_000, 110_000, 2, 0)).toEqual([60_000]);
  });
});
