import { describe, expect, it } from 'vitest';
import { backoffDelay, backoffPolicy } from './backoff.js';

describe('backoff', () => {
  const noJitter = backoffPolicy({ initialDelayMs: 100, maxDelayMs: 1000, factor: 2, jitter: 0 });

  it('grows exponentially up to the cap', () => {
    expect([0, 1, 2, 3, 4, 10].map((a) => backoffDelay(a, noJitter))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('spreads by ±jitter around the base', () => {
    const p = backoffPolicy({ initialDelayMs: 1000, jitter: 0.2 });
    expect(backoffDelay(0, p, () => 0)).toBe(800);
    expect(backoffDelay(0, p, () => 0.5)).toBe(1000);
    expect(backoffDelay(0, p, () => 0.999999)).toBe(1200);
  });

  it('fills defaults and clamps nonsense', () => {
    expect(backoffPolicy()).toEqual({ initialDelayMs: 100, maxDelayMs: 5000, factor: 2, jitter: 0.2 });
    expect(backoffPolicy({ initialDelayMs: -5, jitter: 3, factor: 0.5, maxDelayMs: -1 })).toEqual({
      initialDelayMs: 0,
      maxDelayMs: 0,
      factor: 1,
      jitter: 1,
    });
  });
});
