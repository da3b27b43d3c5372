const UNITS = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'] as const;

/**
 * A byte count in binary units with two decimals: 536870912 → "512.00 MiB",
 * 1073741824 → "1.00 GiB"; below 1 KiB, whole bytes ("512 B").
 */
export function formatBytes(n: number | bigint): string {
  const value = typeof n === 'bigint' ? Number(n) : n;
  if (!Number.isFinite(value)) return String(value);
  const sign = value < 0 ? '-' : '';
  let size = Math.abs(value);
  if (size < 1024) return `${sign}${Math.round(size)} B`;
  let unit = 0;
  size /= 1024;
  // Round first so 1048575 B reads "1.00 MiB", not "1024.00 KiB".
  while (Number(size.toFixed(2)) >= 1024 && unit < UNITS.length - 1) {
    size /= 1024;
    unit += 1;
  }
  return `${sign}${size.toFixed(2)} ${UNITS[unit] ?? 'EiB'}`;
}
