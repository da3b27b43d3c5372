/**
 * One line of the bench table. `ceiling` is measured in the same run on the same machine, because
 * absolute times drift on a shared machine while ratios hold. `higherIsBetter` says which way the
 * target points, so the table can say whether it is met without a test-style assert.
 */
export interface Figure {
  case: string;
  name: string;
  value: number | null;
  unit: string;
  ceiling: { value: number; what: string } | null;
  target: { value: number; higherIsBetter: boolean } | null;
  /** Why the value is missing or how to read it (shown under the table). */
  note?: string;
}

export function met(f: Figure): boolean | null {
  if (f.value === null || f.target === null) return null;
  return f.target.higherIsBetter ? f.value >= f.target.value : f.value <= f.target.value;
}
