/** A signed offset in seconds as QEMU reports it: 3600 → "+3600 s", -5 → "-5 s", 0 → "0 s". */
export function formatSecondsOffset(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  const sign = seconds > 0 ? '+' : seconds < 0 ? '-' : '';
  return `${sign}${Math.abs(seconds)} s`;
}

const STEPS: ReadonlyArray<readonly [string, number]> = [
  ['d', 86_400],
  ['h', 3_600],
  ['min', 60],
  ['s', 1],
];

/**
 * The same offset for a human, its two largest units: 3600 → "+1 h",
 * 5400 → "+1 h 30 min", -90061 → "-1 d 1 h", 0 → "0 s".
 */
export function humanizeSecondsOffset(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  const sign = seconds > 0 ? '+' : seconds < 0 ? '-' : '';
  let rest = Math.round(Math.abs(seconds));
  if (rest === 0) return '0 s';
  const parts: string[] = [];
  for (const [unit, size] of STEPS) {
    const count = Math.floor(rest / size);
    if (count > 0 && parts.length < 2) parts.push(`${count} ${unit}`);
    // Once a unit is written, the next one must follow directly ("1 d 5 s" would mislead).
    if (parts.length > 0 && count === 0 && parts.length < 2) break;
    rest -= count * size;
  }
  return sign + parts.join(' ');
}
