import { describe, expect, it } from 'vitest';
import { dotsPath } from './dotsPath';

describe('dotsPath', () => {
  const toPx = (p: number) => (p < 0 ? undefined : ([p * 10, 50] as const));

  it('draws one circle per placeable point as two arcs', () => {
    expect(dotsPath([1, -1, 2], toPx, 3)).toBe('M7,50a3,3 0 1,0 6,0a3,3 0 1,0 -6,0M17,50a3,3 0 1,0 6,0a3,3 0 1,0 -6,0');
  });

  it('yields nothing for no points', () => {
    expect(dotsPath([], toPx, 3)).toBe('');
  });
});
