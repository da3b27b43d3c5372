import { describe, expect, it } from 'vitest';
import { linePath } from './linePath';

describe('linePath', () => {
  const toPx = (p: number) => (p < 0 ? undefined : ([p * 2, 100 - p / 3] as const));

  it('moves to the first point and draws lines to the rest, at 0.1 px', () => {
    expect(linePath([0, 1, 2], toPx)).toBe('M0,100L2,99.7L4,99.3');
  });

  it('skips points the scale cannot place and yields nothing for none', () => {
    expect(linePath([-1, 3, -2, 6], toPx)).toBe('M6,99L12,98');
    expect(linePath([], toPx)).toBe('');
  });
});
