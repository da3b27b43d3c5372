import type { StoredEvent } from '@qmpscope/events';

/**
 * One event as QEMU sent it plus where it came from: `{"event","data","timestamp","vm","seq"}`.
 * `data` is left out when QEMU sent none, exactly as on the wire.
 */
export function exportLine(e: StoredEvent): string {
  const record =
    e.data === undefined
      ? { event: e.event, timestamp: e.timestamp, vm: e.vm, seq: e.seq }
      : { event: e.event, data: e.data, timestamp: e.timestamp, vm: e.vm, seq: e.seq };
  return JSON.stringify(record);
}

/** Newline-delimited JSON, one event per line: what `jq -c`, grep and our importer read. */
export function toNdjson(events: readonly StoredEvent[]): string {
  let out = '';
  for (const e of events) out += `${exportLine(e)}\n`;
  return out;
}

/**
 * A JSON array with one event per line: valid JSON for any tool, and still
 * line-oriented so the importer can stream it like NDJSON.
 */
export function toJsonArray(events: readonly StoredEvent[]): string {
  if (events.length === 0) return '[]\n';
  return `[\n${events.map(exportLine).join(',\n')}\n]\n`;
}
