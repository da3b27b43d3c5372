import { describe, expect, it } from 'vitest';
import { formatSpan, parseSpan, resolveRange } from './timeRange';

describe('timeRange', () => {
  it('parses and formats spans', () => {
    expect(parseSpan('15m')).toBe(900_000);
    expect(parseSpan('2h')).toBe(7_200_000);
    expect(parseSpan('all')).toBeNull();
    expect(parseSpan('15x')).toBeUndefined();
    expect(parseSpan('0m')).toBeUndefined();
    expect(formatSpan(900_000)).toBe('15m');
    expect(formatSpan(86_400_000)).toBe('1d');
    expect(formatSpan(90_000)).toBe('90s');
    expect(formatSpan(null)).toBe('all');
    for (const s of ['30s', '15m', '1h', '7d', 'all']) expect(formatSpan(parseSpan(s) as number | null)).toBe(s);
  });
  it('resolves relative ranges against now, keeps the end open so live events stay in', () => {
    expect(resolveRange({ kind: 'relative', spanMs: 1000 }, 5000)).toEqual({ from: 4000, to: Infinity });
    expect(resolveRange({ kind: 'relative', spanMs: null }, 5000)).toEqual({ from: -Infinity, to: Infinity });
    expect(resolveRange({ kind: 'absolute', from: 1, to: 2 }, 5000)).toEqual({ from: 1, to: 2 });
  });
});
