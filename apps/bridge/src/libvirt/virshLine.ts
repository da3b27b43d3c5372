import { parseQmpJson, type JsonObject } from '@qmpscope/qmp';

/** One QMP event as `virsh qemu-monitor-event --loop` prints it, QEMU's timestamp and data kept. */
export interface MonitorEventLine {
  kind: 'monitor-event';
  domain: string;
  event: string;
  timestamp: { seconds: number; microseconds: number };
  data?: JsonObject;
}

/** `virsh event --event lifecycle --loop`: the domain's state changed (Started, Defined, Undefined, ...). */
export interface LifecycleLine {
  kind: 'lifecycle';
  domain: string;
  /** libvirt's event, e.g. "Started", "Stopped", "Undefined". */
  change: string;
  detail: string;
}

export type VirshLine = MonitorEventLine | LifecycleLine | { kind: 'ignored' } | { kind: 'malformed'; reason: string };

// `event %s at %lld.%06u for domain '%s': %s` (virsh-domain-event.c); micros is unsigned, so QEMU's -1 prints as 4294967295.
const MONITOR_EVENT = /^event ([A-Za-z0-9_.-]{1,128}) at (-?\d{1,19})\.(\d{6,10}) for domain '/;
const LIFECYCLE = /^event 'lifecycle' for domain '(.+)': ([A-Za-z]{1,32}) ([A-Za-z ]{0,64})$/;
/** Printed by virsh when its loop ends, and blank lines: not events. */
const IGNORED = /^(events received: \d+|)$/;
const NULL_DATA = '<null>';

/**
 * Parses one line of virsh's event output. `known` tells whether a domain name exists: a domain name
 * may itself contain `': `, so among the places the name can end, a known name is preferred.
 * Never throws: a line that does not fit is `malformed`, with why.
 */
export function parseVirshLine(line: string, known: (domain: string) => boolean = () => false): VirshLine {
  if (IGNORED.test(line)) return { kind: 'ignored' };
  const lifecycle = LIFECYCLE.exec(line);
  if (lifecycle) return { kind: 'lifecycle', domain: lifecycle[1]!, change: lifecycle[2]!, detail: lifecycle[3]! };
  const head = MONITOR_EVENT.exec(line);
  if (!head) return { kind: 'malformed', reason: 'not an event line of virsh' };
  const timestamp = parseTimestamp(head[2]!, head[3]!);
  if (timestamp === null) return { kind: 'malformed', reason: `timestamp ${head[2]}.${head[3]} out of range` };
  const rest = line.slice(head[0].length);
  let fallback: MonitorEventLine | null = null;
  for (let at = rest.indexOf("': "); at > 0; at = rest.indexOf("': ", at + 1)) {
    const domain = rest.slice(0, at);
    const data = parseData(rest.slice(at + 3));
    if (data === undefined) continue;
    const parsed: MonitorEventLine = { kind: 'monitor-event', domain, event: head[1]!, timestamp };
    if (data !== null) parsed.data = data;
    if (known(domain)) return parsed;
    fallback ??= parsed;
  }
  return fallback ?? { kind: 'malformed', reason: 'its data is neither <null> nor a JSON object' };
}

function parseTimestamp(seconds: string, micros: string): MonitorEventLine['timestamp'] | null {
  const s = Number(seconds);
  const us = Number(micros);
  // QEMU sends -1/-1 when it could not read the clock; libvirt passes it through.
  if (s === -1) return { seconds: -1, microseconds: -1 };
  if (!Number.isSafeInteger(s) || s < 0 || us > 999_999) return null;
  return { seconds: s, microseconds: us };
}

/** null for `<null>` (QEMU sent no data), undefined when the text is not a JSON object. */
function parseData(text: string): JsonObject | null | undefined {
  if (text === NULL_DATA) return null;
  if (!text.startsWith('{')) return undefined;
  try {
    const value = parseQmpJson(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    // Not JSON here: the name may end at a later `': `, or the line is malformed (the caller says so).
    return undefined;
  }
}
