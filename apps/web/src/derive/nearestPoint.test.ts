import { describe, expect, it } from 'vitest';
import { nearestPoint } from './nearestPoint';

const toPx = (p: { x: number; y: number }) => [p.x * 10, 100 - p.y] as const;

describe('nearestPoint', () => {
  const series = [
    [
      'a',
      [
        { x: 0, y: 0, seq: 1 },
        { x: 5, y: 50, seq: 2 },
      ],
    ],
    [
      'b',
      [
        { x: 5, y: 10, seq: 3 },
        { x: 9, y: 90, seq: 4 },
      ],
    ],
  ] as const;

  it('picks the closest point in pixels across every series', () => {
    expect(nearestPoint(series, toPx, 50, 52)).toEqual({ vm: 'a', point: { x: 5, y: 50, seq: 2 } });
    expect(nearestPoint(series, toPx, 52, 88)).toEqual({ vm: 'b', point: { x: 5, y: 10, seq: 3 } });
  });

  it('skips points the scales cannot place and returns null when none is left', () => {
    const onlyB = (p: { x: number; y: number; seq: number }) => (p.seq === 4 ? toPx(p) : undefined);
    expect(nearestPoint(series, onlyB, 0, 100)?.point.seq).toBe(4);
    expect(nearestPoint(series, () => undefined, 0, 0)).toBeNull();
    expect(nearestPoint([], toPx, 0, 0)).toBeNull();
  });
});
