import type { JsonObject, StoredEvent } from '@qmpscope/events';

/** The shape of one row of the events table, as better-sqlite3 returns it. */
export interface EventRow {
  seq: number;
  vm: string;
  event: string;
  data: string | null;
  ts_seconds: number;
  ts_microseconds: number;
  received_at: number;
}

export const EVENT_COLUMNS = 'seq, vm, event, data, ts_seconds, ts_microseconds, received_at';

/** QEMU time in microseconds; -1/-1 ("clock unreadable") maps to a value below every real time. */
export function timestampMicros(ts: { seconds: number; microseconds: number }): number {
  return ts.seconds * 1_000_000 + ts.microseconds;
}

export function rowToEvent(row: EventRow): StoredEvent {
  const ev: StoredEvent = {
    seq: row.seq,
    vm: row.vm,
    event: row.event,
    timestamp: { seconds: row.ts_seconds, microseconds: row.ts_microseconds },
    receivedAt: row.received_at,
  };
  // Written by JSON.stringify of a JsonObject, so it parses back to one.
  if (row.data !== null) ev.data = JSON.parse(row.data) as JsonObject;
  return ev;
}
