/** A label to place: its anchor in pixels and its text. */
export interface LabelAt {
  x: number;
  text: string;
}

/** Width of a label of `chars` characters at the charts' 10 px label font, with a gap after it. */
export const labelWidthPx = (chars: number): number => chars * 6.2 + 8;

/**
 * A row (0 = top) for each label, or null where none fits: labels are placed left to right,
 * each in the first row whose last label ends before it starts, so no two overlap.
 */
export function labelRows(labels: readonly LabelAt[], rows: number): (number | null)[] {
  const ends = new Array<number>(rows).fill(-Infinity);
  return labels.map((l) => {
    const row = ends.findIndex((end) => end <= l.x);
    if (row < 0) return null;
    ends[row] = l.x + labelWidthPx(l.text.length);
    return row;
  });
}
