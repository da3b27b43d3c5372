import {
  droppedDataMarker,
  isJsonObject,
  isJsonValue,
  MAX_DATA_DEPTH,
  nestedDeeperThan,
  type JsonObject,
  type QmpTimestamp,
} from '@qmpscope/events';
import { lineTooLong, longestString, MAX_LINE_CHARS, MAX_STRING_CHARS, stringTooLong } from './importLimits';
import type { OverlongLine } from './lineSplitter';

/** An event read from a file, before seqs are settled (plain QMP lines carry neither vm nor seq). */
export interface ImportedEvent {
  event: string;
  data?: JsonObject;
  timestamp: QmpTimestamp;
  vm?: string;
  seq?: number;
  receivedAt?: number;
}

export type LineResult = { kind: 'event'; event: ImportedEvent } | { kind: 'ignore' } | { kind: 'skip'; reason: string };

const EVENT_NAME = /^[A-Z][A-Z0-9_]*$/;

/**
 * `virsh qemu-monitor-event` prints, per event, one of
 *   event SHUTDOWN at 1714558272.345678 for domain 'vm1': {"guest":false,"reason":"host-signal"}
 *   2024-05-01 10:11:12.345+0000: event SHUTDOWN for domain 'vm1': {"guest":false,"reason":"host-signal"}   (--timestamp)
 * with `<null>` when the event has no data. Older libvirt leaves the domain name unquoted.
 */
const VIRSH =
  /^(?:(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?)([+-]\d{4})?: )?event ([A-Za-z0-9_]+)(?: at (\d+)\.(\d{1,6}))? for domain '?(.*?)'?: (.*)$/;

function isTimestamp(x: unknown): x is QmpTimestamp {
  if (!isJsonObject(x)) return false;
  const { seconds, microseconds } = x;
  return Number.isInteger(seconds) && Number.isInteger(microseconds) && (microseconds as number) < 1_000_000;
}

/** "2024-05-01 10:11:12.345" + "+0000" as a QMP timestamp (virsh prints when it printed, to the millisecond). */
function virshClock(text: string, zone: string | undefined): QmpTimestamp | null {
  const iso = `${text.replace(' ', 'T')}${zone ? `${zone.slice(0, 3)}:${zone.slice(3)}` : 'Z'}`;
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return null;
  const frac = /\.(\d+)$/.exec(text)?.[1] ?? '';
  return { seconds: Math.floor(ms / 1000), microseconds: Number(frac.padEnd(6, '0').slice(0, 6)) };
}

function fromVirsh(m: RegExpExecArray): LineResult {
  const [, clock, zone, name, secs, micros, domain, details] = m;
  if (!name || !EVENT_NAME.test(name)) return { kind: 'skip', reason: `virsh line with an invalid event name "${name ?? ''}"` };
  let timestamp: QmpTimestamp | null = null;
  if (secs !== undefined && micros !== undefined) timestamp = { seconds: Number(secs), microseconds: Number(micros.padEnd(6, '0')) };
  else if (clock !== undefined) timestamp = virshClock(clock, zone);
  if (timestamp === null) return { kind: 'skip', reason: 'virsh line without a readable time' };
  const event: ImportedEvent = { event: name, timestamp };
  if (domain) event.vm = domain;
  const raw = (details ?? '').trim();
  if (raw !== '<null>' && raw !== '') {
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      return { kind: 'skip', reason: 'virsh line whose event data is not JSON' };
    }
    if (typeof data === 'object' && data !== null && !Array.isArray(data) && nestedDeeperThan(data as JsonObject, MAX_DATA_DEPTH))
      data = droppedDataMarker();
    if (!isJsonObject(data)) return { kind: 'skip', reason: 'virsh line whose event data is not a JSON object' };
    const longest = longestString(data, MAX_STRING_CHARS);
    if (longest > MAX_STRING_CHARS) return { kind: 'skip', reason: stringTooLong(longest) };
    event.data = data;
  }
  return { kind: 'event', event };
}

/**
 * The line's object with its `data` bounded like the bridge bounds it at ingest: data nested
 * deeper than MAX_DATA_DEPTH becomes the marker, so an imported event reads like a stored one.
 * The data is checked on its own because the line's other fields sit one level above it.
 */
function withBoundedData(parsed: unknown): JsonObject | null {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const { data, ...rest } = parsed as Record<string, unknown>;
  if (!isJsonObject(rest)) return null;
  if (data === undefined) return rest;
  const isObject = typeof data === 'object' && data !== null && !Array.isArray(data);
  // JSON.parse gave it, so it is a JSON value; the walk stops one level past the limit.
  if (isObject && nestedDeeperThan(data as JsonObject, MAX_DATA_DEPTH)) return { ...rest, data: droppedDataMarker() };
  return isJsonValue(data) ? { ...rest, data } : null;
}

function fromJson(parsed: unknown): LineResult {
  const x = withBoundedData(parsed);
  if (x === null) return { kind: 'skip', reason: 'JSON but not an object' };
  const longest = longestString(x, MAX_STRING_CHARS);
  if (longest > MAX_STRING_CHARS) return { kind: 'skip', reason: stringTooLong(longest) };
  if ('QMP' in x) return { kind: 'skip', reason: 'QMP greeting, not an event' };
  if ('return' in x || 'error' in x) return { kind: 'skip', reason: 'QMP command response, not an event' };
  if ('execute' in x || 'exec-oob' in x) return { kind: 'skip', reason: 'QMP command, not an event' };
  const { event, data, timestamp, vm, seq, receivedAt } = x;
  if (typeof event !== 'string') return { kind: 'skip', reason: 'object without an "event" name' };
  if (!EVENT_NAME.test(event)) return { kind: 'skip', reason: `"${event.slice(0, 40)}" is not a QMP event name` };
  if (!isTimestamp(timestamp)) return { kind: 'skip', reason: 'missing or malformed "timestamp" ({"seconds","microseconds"})' };
  if (data !== undefined && !isJsonObject(data)) return { kind: 'skip', reason: '"data" is not an object' };
  if (vm !== undefined && (typeof vm !== 'string' || vm === '')) return { kind: 'skip', reason: '"vm" is not a non-empty string' };
  if (seq !== undefined && !(Number.isSafeInteger(seq) && (seq as number) > 0))
    return { kind: 'skip', reason: '"seq" is not a positive integer' };
  const out: ImportedEvent = { event, timestamp: { seconds: timestamp.seconds, microseconds: timestamp.microseconds } };
  if (data !== undefined) out.data = data;
  if (typeof vm === 'string') out.vm = vm;
  if (typeof seq === 'number') out.seq = seq;
  if (typeof receivedAt === 'number' && Number.isFinite(receivedAt)) out.receivedAt = receivedAt;
  return { kind: 'event', event: out };
}

/**
 * Reads one line of an imported file: our NDJSON or JSON-array export, plain
 * QMP event lines (socat, qmp-shell logs) or `virsh qemu-monitor-event` output.
 * Never throws: what it cannot use comes back as a skip with the reason. A line the splitter
 * would not hold is described by its longest string when that is over the limit, else its length.
 */
export function parseLine(line: string | OverlongLine): LineResult {
  if (typeof line !== 'string')
    return { kind: 'skip', reason: line.longestString > MAX_STRING_CHARS ? stringTooLong(line.longestString) : lineTooLong(line.chars) };
  if (line.length > MAX_LINE_CHARS) return { kind: 'skip', reason: lineTooLong(line.length) };
  let text = line.trim();
  if (text === '' || text === '[' || text === ']' || text === '[]') return { kind: 'ignore' };
  // JSON-array exports put one element per line, separated by commas.
  if (text.endsWith(',')) text = text.slice(0, -1).trimEnd();
  if (text.startsWith('{')) {
    let x: unknown;
    try {
      x = JSON.parse(text);
    } catch (err) {
      return { kind: 'skip', reason: `invalid JSON (${err instanceof Error ? err.message : String(err)})` };
    }
    return fromJson(x);
  }
  const virsh = VIRSH.exec(text);
  if (virsh) return fromVirsh(virsh);
  return { kind: 'skip', reason: 'neither a JSON event nor a virsh qemu-monitor-event line' };
}
