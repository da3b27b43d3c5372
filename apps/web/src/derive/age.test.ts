import { describe, expect, it } from 'vitest';
import { formatAge } from './age';

describe('formatAge', () => {
  it('says how long ago in the largest whole unit', () => {
    expect(formatAge(10_000, 10_400)).toBe('just now');
    expect(formatAge(10_000, 22_999)).toBe('12 s ago');
    expect(formatAge(0, 59_999)).toBe('59 s ago');
    expect(formatAge(0, 60_000)).toBe('1 min ago');
    expect(formatAge(0, 3 * 3_600_000 + 5)).toBe('3 h ago');
    expect(formatAge(0, 2 * 86_400_000)).toBe('2 d ago');
  });
  it('says "in" for an event stamped ahead of the browser clock', () => {
    expect(formatAge(5000, 2000)).toBe('in 3 s');
    expect(formatAge(NaN, 2000)).toBe('');
  });
});
