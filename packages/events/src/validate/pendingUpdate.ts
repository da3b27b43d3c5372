import type { PendingEvent, PendingUpdate } from '../contract.js';
import { parseStoredEvent } from './storedEvent.js';
import { isCount, isRecord } from './shape.js';

/** A PendingUpdate from untrusted input, all-or-nothing: null when any part is malformed. */
export function parsePendingUpdate(x: unknown): PendingUpdate | null {
  if (!isRecord(x)) return null;
  const { replace, through, events, total } = x;
  if (typeof replace !== 'boolean' || !isCount(through) || !isCount(total) || !Array.isArray(events)) return null;
  const parsed: PendingEvent[] = [];
  for (const item of events) {
    if (!isRecord(item) || !isCount(item.localSeq)) return null;
    // The same checks as a stored event's; the local seq stands in for the seq.
    const event = parseStoredEvent({ ...item, seq: item.localSeq });
    if (event === null) return null;
    const { seq, ...rest } = event;
    parsed.push({ ...rest, localSeq: seq });
  }
  return { replace, through, events: parsed, total };
}
