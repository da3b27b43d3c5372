import { describe, expect, it } from 'vitest';
import { redrawSpacingMs } from './redrawSpacing';

describe('redrawSpacingMs', () => {
  it('keeps the minimum for small histories', () => {
    expect(redrawSpacingMs(0, 500, 3)).toBe(500);
    expect(redrawSpacingMs(100_000, 500, 3)).toBe(500);
  });
  it('grows with the number of events shown, up to the cap', () => {
    expect(redrawSpacingMs(1_000_000, 500, 3)).toBe(3000);
    expect(redrawSpacingMs(1_000_000, 2000, 4)).toBe(4000);
    expect(redrawSpacingMs(100_000_000, 500, 3)).toBe(10_000);
    expect(redrawSpacingMs(100_000_000, 500, 3, 20_000)).toBe(20_000);
  });
});
