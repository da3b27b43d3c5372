/** QEMU's event timestamp as stored: one integer column, plus the exact pair when that loses something. */
export interface StoredTimestamp {
  /** seconds * 1e6 + microseconds: what range queries compare. */
  tsUs: number;
  /** JSON `[seconds, microseconds]` when `tsUs` does not give the pair back (-1/-1, out-of-range values), else null. */
  exact: string | null;
}

export function encodeTimestamp(ts: { seconds: number; microseconds: number }): StoredTimestamp {
  const tsUs = ts.seconds * 1_000_000 + ts.microseconds;
  const roundTrips =
    Number.isSafeInteger(tsUs) &&
    Number.isInteger(ts.seconds) &&
    Number.isInteger(ts.microseconds) &&
    ts.microseconds >= 0 &&
    ts.microseconds < 1_000_000;
  return { tsUs, exact: roundTrips ? null : JSON.stringify([ts.seconds, ts.microseconds]) };
}

export function decodeTimestamp(tsUs: number, exact: string | null): { seconds: number; microseconds: number } {
  if (exact !== null) {
    // Written by encodeTimestamp: a two-number array.
    const [seconds, microseconds] = JSON.parse(exact) as [number, number];
    return { seconds, microseconds };
  }
  const seconds = Math.floor(tsUs / 1_000_000);
  return { seconds, microseconds: tsUs - seconds * 1_000_000 };
}

/**
 * Receipt time (epoch ms, fractional) <-> integer microseconds. The bridge stamps receipt times
 * at microsecond resolution (QmpClient), so this is exact for what it stores.
 */
export function receivedMicros(receivedAt: number): number {
  return Math.round(receivedAt * 1000);
}

export function receivedMillis(receivedUs: number): number {
  return receivedUs / 1000;
}
