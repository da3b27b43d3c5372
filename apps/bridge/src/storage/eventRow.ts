import type { JsonObject, StoredEvent } from '@qmpscope/events';
import type { NameTable } from './nameTable.js';
import { decodeTimestamp, receivedMillis } from './storedTimestamp.js';

/** The shape of one row of the events table, as better-sqlite3 returns it. */
export interface EventRow {
  seq: number;
  vm_id: number;
  event_id: number;
  ts_us: number;
  received_us: number;
  data: string | null;
  ts_exact: string | null;
}

export const EVENT_COLUMNS = 'seq, vm_id, event_id, ts_us, received_us, data, ts_exact';

export function rowToEvent(row: EventRow, vms: NameTable, events: NameTable): StoredEvent {
  const ev: StoredEvent = {
    seq: row.seq,
    vm: vms.nameOf(row.vm_id),
    event: events.nameOf(row.event_id),
    timestamp: decodeTimestamp(row.ts_us, row.ts_exact),
    receivedAt: receivedMillis(row.received_us),
  };
  // Written by JSON.stringify of a JsonObject, so it parses back to one.
  if (row.data !== null) ev.data = JSON.parse(row.data) as JsonObject;
  return ev;
}
