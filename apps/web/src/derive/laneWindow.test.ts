import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { laneWindow, scrollToLane } from './laneWindow';

describe('laneWindow', () => {
  it('draws the lanes in view plus the overscan, clamped to the lanes there are', () => {
    expect(laneWindow(0, 280, 28, 1000, 3)).toEqual({ first: 0, end: 13 });
    expect(laneWindow(28 * 100 + 5, 280, 28, 1000, 3)).toEqual({ first: 97, end: 114 });
    expect(laneWindow(28 * 990, 280, 28, 1000, 3)).toEqual({ first: 987, end: 1000 });
  });
  it('draws every lane when they all fit', () => {
    expect(laneWindow(0, 5 * 28, 28, 5, 2)).toEqual({ first: 0, end: 5 });
  });
  it('survives no lanes and odd scroll positions', () => {
    expect(laneWindow(0, 280, 28, 0, 3)).toEqual({ first: 0, end: 0 });
    expect(laneWindow(-50, 280, 28, 4, 0)).toEqual({ first: 0, end: 4 });
    expect(laneWindow(1e9, 280, 28, 4, 0)).toEqual({ first: 4, end: 4 });
  });
  it('always covers every lane partly in view', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30_000 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 5 }),
        (top, count, overscan) => {
          const viewH = 16 * 28;
          const { first, end } = laneWindow(top, viewH, 28, count, overscan);
          for (let lane = 0; lane < count; lane++) {
            const inView = lane * 28 < top + viewH && (lane + 1) * 28 > top;
            if (inView) expect(lane >= first && lane < end).toBe(true);
          }
          expect(end - first).toBeLessThanOrEqual(16 + 1 + 2 * overscan);
        },
      ),
    );
  });
});

describe('scrollToLane', () => {
  it('keeps the scroll position when the lane is already in view', () => {
    expect(scrollToLane(5, 0, 280, 28, 100)).toBe(0);
    expect(scrollToLane(9, 0, 280, 28, 100)).toBe(0);
  });
  it('centres a lane out of view, clamped to the content', () => {
    expect(scrollToLane(50, 0, 280, 28, 100)).toBe(50 * 28 + 14 - 140);
    expect(scrollToLane(0, 500, 280, 28, 100)).toBe(0);
    expect(scrollToLane(99, 0, 280, 28, 100)).toBe(100 * 28 - 280);
  });
});
