import { describe, expect, it } from 'vitest';
import { labelRows, labelWidthPx } from './statusLabels';

describe('labelRows', () => {
  it('stacks labels that would overlap and drops those that fit no row', () => {
    const rows = labelRows(
      [
        { x: 0, text: 'vm: active' },
        { x: 10, text: 'vm: cancelled' },
        { x: 20, text: 'vm: active' },
        { x: 30, text: 'vm: failed' },
      ],
      3,
    );
    expect(rows).toEqual([0, 1, 2, null]);
  });
  it('keeps labels in the top row when they are far enough apart', () => {
    const w = labelWidthPx('vm: active'.length);
    expect(
      labelRows(
        [
          { x: 0, text: 'vm: active' },
          { x: w, text: 'vm: active' },
        ],
        3,
      ),
    ).toEqual([0, 0]);
  });
  it('no two labels in a row overlap', () => {
    const labels = Array.from({ length: 200 }, (_, i) => ({ x: (i * 37) % 600, text: 'x'.repeat(i % 15) })).sort((a, b) => a.x - b.x);
    const rows = labelRows(labels, 3);
    for (let r = 0; r < 3; r++) {
      const inRow = labels.filter((_, i) => rows[i] === r);
      for (let i = 1; i < inRow.length; i++)
        expect(inRow[i]!.x).toBeGreaterThanOrEqual(inRow[i - 1]!.x + labelWidthPx(inRow[i - 1]!.text.length));
    }
  });
});
