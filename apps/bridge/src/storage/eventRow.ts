import type { JsonObject, StoredEvent } from '@qmpscope/events';
import type { NameTable } from './nameTable.js';
import { decodeTimestamp, receivedMillis } from './storedTimestamp.js';

/**
 * One row of the events table as better-sqlite3 returns it in raw mode: the values of
 * EVENT_COLUMNS in order. Raw, because a row as an object (better-sqlite3 sets each key
 * through V8's API) costs more than the rest of the query, index walk included
 * (docs/PERFORMANCE.md, storage case).
 */
export type EventRow = [
  seq: number,
  vmId: number,
  eventId: number,
  tsUs: number,
  receivedUs: number,
  data: string | null,
  tsExact: string | null,
];

export const EVENT_COLUMNS = 'seq, vm_id, event_id, ts_us, received_us, data, ts_exact';

export function rowToEvent(row: EventRow, vms: NameTable, events: NameTable): StoredEvent {
  const [seq, vmId, eventId, tsUs, receivedUs, data, tsExact] = row;
  const ev: StoredEvent = {
    seq,
    vm: vms.nameOf(vmId),
    event: events.nameOf(eventId),
    timestamp: decodeTimestamp(tsUs, tsExact),
    receivedAt: receivedMillis(receivedUs),
  };
  // Written by JSON.stringify of a JsonObject, so it parses back to one.
  if (data !== null) ev.data = JSON.parse(data) as JsonObject;
  return ev;
}
