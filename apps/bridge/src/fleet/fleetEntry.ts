import { parseStoredEvent, type StoredEvent } from '@qmpscope/events';
import { NODE_NAME } from './fleetUrl.js';

/** The JSON of one own event in the log: the StoredEvent without its local seq (the log gives the fleet seq). */
export function encodeEntryEvent(ev: StoredEvent): string {
  const { seq: _local, ...rest } = ev;
  return JSON.stringify(rest);
}

/** A raw entry as XREAD returns it: its ID and its field/value list. */
export type RawEntry = [id: string, fields: string[]];

export type DecodedEntry =
  /** `localSeq`: the event's seq in its node's own store (field l), null when absent. */
  | { ok: true; event: StoredEvent; node: string; localSeq: number | null }
  /** `reason` holds no text from the entry (a log rule: peer strings go in fields); `id` is its ID. */
  | { ok: false; seq: number | null; id: string | null; reason: string };

/** `SEQ-1`: an entry the publish function wrote. Other IDs come from elsewhere (XADD *). */
const FLEET_ID = /^([1-9]\d{0,15})-1$/;

/**
 * A log entry from Redis, checked field by field: anyone with access to Redis can add entries, and
 * one malformed entry must cost a warning, not the bridge. The VM is named `NODE/VM` here.
 */
export function decodeEntry(entry: unknown): DecodedEntry {
  if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !Array.isArray(entry[1])) {
    return { ok: false, seq: null, id: null, reason: 'not a stream entry' };
  }
  const [id, list] = entry as [string, unknown[]];
  const match = FLEET_ID.exec(id);
  const seq = match ? Number(match[1]) : null;
  if (seq === null || !Number.isSafeInteger(seq))
    return { ok: false, seq: null, id, reason: 'the entry was not written by qmpscope (IDs are SEQ-1)' };
  const fields = new Map<string, unknown>();
  for (let i = 0; i + 1 < list.length; i += 2) fields.set(String(list[i]), list[i + 1]);
  const node = fields.get('n');
  const json = fields.get('e');
  if (typeof node !== 'string' || !NODE_NAME.test(node))
    return { ok: false, seq, id, reason: 'the entry has no valid node name (field n)' };
  if (typeof json !== 'string') return { ok: false, seq, id, reason: 'the entry has no event (field e)' };
  let body: unknown;
  try {
    body = JSON.parse(json);
  } catch {
    return { ok: false, seq, id, reason: "the entry's event (field e) is not JSON" };
  }
  const event = parseStoredEvent(typeof body === 'object' && body !== null ? { ...body, seq } : body);
  if (event === null) return { ok: false, seq, id, reason: "the entry's event (field e) is not a QMP event record" };
  const l = Number(fields.get('l'));
  return { ok: true, node, localSeq: Number.isSafeInteger(l) && l > 0 ? l : null, event: { ...event, vm: `${node}/${event.vm}` } };
}
