/** Field checks shared by the validators of data entering the browser. */
import type { QmpTimestamp } from '../contract.js';

export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export const isString = (x: unknown): x is string => typeof x === 'string';

export const isNonEmptyString = (x: unknown): x is string => typeof x === 'string' && x.length > 0;

export const isStringOrNull = (x: unknown): x is string | null => x === null || typeof x === 'string';

export const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;

export const isFiniteNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** A QMP timestamp: real seconds and microseconds, or QEMU's -1/-1 for "clock unavailable". */
export function parseTimestamp(x: unknown): QmpTimestamp | null {
  if (!isRecord(x)) return null;
  const { seconds, microseconds } = x;
  if (seconds === -1 && microseconds === -1) return { seconds, microseconds };
  if (!isCount(seconds) || !isCount(microseconds) || microseconds > 999_999) return null;
  return { seconds, microseconds };
}
