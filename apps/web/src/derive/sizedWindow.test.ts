import { describe, expect, it } from 'vitest';
import { sizedWindow } from './sizedWindow';

const fixed = (h: number) => () => h;

describe('sizedWindow', () => {
  it('covers the viewport plus overscan, with spacers for the rest', () => {
    expect(sizedWindow(1000, fixed(100), 50, 0, 250, 1)).toEqual({ start: 0, end: 4, before: 0, after: 99_600 });
    expect(sizedWindow(1000, fixed(100), 50, 1050, 250, 1)).toEqual({ start: 9, end: 14, before: 900, after: 98_600 });
    expect(sizedWindow(3, fixed(100), 50, 0, 1000, 2)).toEqual({ start: 0, end: 3, before: 0, after: 0 });
  });
  it('uses measured heights where known and the estimate elsewhere', () => {
    const heights = [300, undefined, 10, 10];
    const w = sizedWindow(4, (i) => heights[i], 100, 350, 50, 0);
    expect(w).toEqual({ start: 1, end: 2, before: 300, after: 20 });
  });
  it('keeps before + rendered + after equal to the whole height', () => {
    const heights = Array.from({ length: 500 }, (_, i) => 40 + ((i * 37) % 90));
    const whole = heights.reduce((a, b) => a + b, 0);
    for (const scrollTop of [0, 1, 999, 12_345, whole - 10, whole + 500]) {
      const w = sizedWindow(500, (i) => heights[i], 60, scrollTop, 400, 2);
      const inside = heights.slice(w.start, w.end).reduce((a, b) => a + b, 0);
      expect(w.before + inside + w.after).toBe(whole);
      expect(w.end).toBeGreaterThan(w.start);
    }
  });
  it('is empty for an empty list and shows the last items when scrolled past the end', () => {
    expect(sizedWindow(0, fixed(10), 10, 0, 100, 2)).toEqual({ start: 0, end: 0, before: 0, after: 0 });
    expect(sizedWindow(5, fixed(10), 10, 1e6, 100, 1)).toEqual({ start: 3, end: 5, before: 30, after: 0 });
  });
});
