import type { StoredEvent } from '../contract.js';
import { isJsonObject } from './jsonValue.js';
import { isCount, isFiniteNumber, isNonEmptyString, isRecord, parseTimestamp } from './shape.js';

/**
 * A StoredEvent from untrusted input (socket.io batch, HTTP body, imported file),
 * or null when anything is off. Only the known keys are copied, so stray extra
 * keys from a newer bridge never leak into the store.
 */
export function parseStoredEvent(x: unknown): StoredEvent | null {
  if (!isRecord(x)) return null;
  const { seq, vm, event, data, timestamp, receivedAt } = x;
  if (!isCount(seq) || !isNonEmptyString(vm) || !isNonEmptyString(event) || !isFiniteNumber(receivedAt)) return null;
  const ts = parseTimestamp(timestamp);
  if (ts === null) return null;
  if (data === undefined) return { seq, vm, event, timestamp: ts, receivedAt };
  if (!isJsonObject(data)) return null;
  return { seq, vm, event, data, timestamp: ts, receivedAt };
}

/** A whole batch, all-or-nothing: a batch with one bad event is refused (null) so gaps are never silent. */
export function parseStoredEventBatch(x: unknown): StoredEvent[] | null {
  if (!Array.isArray(x)) return null;
  const events: StoredEvent[] = [];
  for (const item of x) {
    const parsed = parseStoredEvent(item);
    if (parsed === null) return null;
    events.push(parsed);
  }
  return events;
}
