import { describe, expect, it } from 'vitest';
import { endScrollTop, FOLLOW_OVERSCAN, followWindow, rowWindow, scrollTopFor } from './rowWindow';

describe('rowWindow', () => {
  it('covers the viewport plus overscan, clamped to the list', () => {
    expect(rowWindow(0, 100, 10, 1000, 2)).toEqual({ start: 0, end: 12 });
    expect(rowWindow(505, 100, 10, 1000, 2)).toEqual({ start: 48, end: 63 });
    expect(rowWindow(9950, 100, 10, 1000, 2)).toEqual({ start: 993, end: 1000 });
    expect(rowWindow(0, 100, 10, 3, 5)).toEqual({ start: 0, end: 3 });
  });
  it('is empty for an empty list and survives a scrollTop past the end', () => {
    expect(rowWindow(0, 100, 10, 0, 2)).toEqual({ start: 0, end: 0 });
    expect(rowWindow(1e6, 100, 10, 5, 2)).toEqual({ start: 5, end: 5 });
  });
  it('scrolls the least to show a row', () => {
    expect(scrollTopFor(5, 100, 50, 10)).toBe(50);
    expect(scrollTopFor(20, 100, 50, 10)).toBe(160);
    expect(scrollTopFor(12, 100, 50, 10)).toBe(100);
  });
  it('puts the last row at the bottom when following the end', () => {
    expect(endScrollTop(1000, 100, 10)).toBe(9900);
    expect(endScrollTop(5, 100, 10)).toBe(0);
    expect(endScrollTop(0, 100, 10)).toBe(0);
    // The window for that position ends with the last row.
    expect(rowWindow(endScrollTop(1000, 95, 10), 95 + 10, 10, 1000, 2).end).toBe(1000);
    expect(rowWindow(endScrollTop(1000, 95, 10), 95 + 10, 10, 1000, 2).start).toBe(988);
  });
  it('while following the end, renders the end with little overscan above; otherwise the scrolled-to rows with full overscan', () => {
    // 100 px of 10 px rows: 10 visible, one more for a partly scrolled first row.
    expect(followWindow(0, 100, 10, 1000, 12, true)).toEqual({ start: 990 - FOLLOW_OVERSCAN, end: 1000 });
    expect(followWindow(500, 100, 10, 1000, 12, false)).toEqual({ start: 488, end: 523 });
    expect(followWindow(0, 100, 10, 5, 12, true)).toEqual({ start: 0, end: 5 });
  });
});
