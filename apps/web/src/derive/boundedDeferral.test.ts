import { describe, expect, it } from 'vitest';
import { shownValue } from './boundedDeferral';

describe('shownValue', () => {
  const older = ['a'];
  const newer = ['a', 'b'];

  it('shows the deferred value while it is within its lag', () => {
    expect(shownValue(newer, older, false)).toBe(older);
  });

  it('shows the current value once the deferred one is overdue', () => {
    expect(shownValue(newer, older, true)).toBe(newer);
  });

  it('never steps back to an older deferred value while overdue, whatever value becomes', () => {
    const newest = ['a', 'b', 'c'];
    expect(shownValue(newest, older, true)).toBe(newest);
  });

  it('shows the current value at once while the deferred one is still blank (nothing drawn yet)', () => {
    const blank: string[] = [];
    const isBlank = (v: string[]) => v.length === 0;
    expect(shownValue(newer, blank, false, isBlank)).toBe(newer);
    expect(shownValue(newer, older, false, isBlank)).toBe(older);
    expect(shownValue(blank, blank, false, isBlank)).toBe(blank);
  });
});
