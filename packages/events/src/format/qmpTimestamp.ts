import type { QmpTimestamp } from '../contract.js';

/** QEMU sends seconds = microseconds = -1 when it could not read the host clock. */
export function isClockUnavailable(ts: QmpTimestamp): boolean {
  return ts.seconds === -1 && ts.microseconds === -1;
}

function isValid(ts: QmpTimestamp): boolean {
  return (
    Number.isSafeInteger(ts.seconds) &&
    ts.seconds >= 0 &&
    Number.isInteger(ts.microseconds) &&
    ts.microseconds >= 0 &&
    ts.microseconds <= 999_999
  );
}

/**
 * Microseconds since the epoch (exact: today's values stay far below 2^53).
 * NaN when the clock was unavailable or the timestamp is malformed, so callers
 * must decide how to order such events (e.g. by their arrival time).
 */
export function timestampToMicros(ts: QmpTimestamp): number {
  if (!isValid(ts)) return Number.NaN;
  return ts.seconds * 1_000_000 + ts.microseconds;
}

export type TimeZoneChoice = 'local' | 'utc';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * "2026-11-25 17:19:25.123456": QEMU's emission time with its full microsecond
 * precision (Date would keep milliseconds only). Local time unless `zone` is 'utc'.
 * "clock unavailable" for QEMU's -1/-1, "invalid timestamp" for anything else odd.
 */
export function formatQmpTimestamp(ts: QmpTimestamp, zone: TimeZoneChoice = 'local'): string {
  if (isClockUnavailable(ts)) return 'clock unavailable';
  if (!isValid(ts)) return 'invalid timestamp';
  const d = new Date(ts.seconds * 1000);
  if (Number.isNaN(d.getTime())) return 'invalid timestamp';
  const utc = zone === 'utc';
  const date = [
    utc ? d.getUTCFullYear() : d.getFullYear(),
    pad((utc ? d.getUTCMonth() : d.getMonth()) + 1),
    pad(utc ? d.getUTCDate() : d.getDate()),
  ].join('-');
  const time = [
    pad(utc ? d.getUTCHours() : d.getHours()),
    pad(utc ? d.getUTCMinutes() : d.getMinutes()),
    pad(utc ? d.getUTCSeconds() : d.getSeconds()),
  ].join(':');
  return `${date} ${time}.${pad(ts.microseconds, 6)}`;
}
