import type { ConnectionState, VmActivity, VmInfo, VmSource } from '../contract.js';
import {
  isCount,
  isFiniteNumber,
  isNonEmptyString,
  isRecord,
  isString,
  isStringOrNull,
  parseTimestamp,
} from './shape.js';

const CONNECTION_STATES: readonly ConnectionState[] = ['connecting', 'connected', 'disconnected'];

const isConnectionState = (x: unknown): x is ConnectionState =>
  typeof x === 'string' && (CONNECTION_STATES as readonly string[]).includes(x);

function parseLastEvent(x: unknown): VmInfo['lastEvent'] | undefined {
  if (x === null) return null;
  if (!isRecord(x)) return undefined;
  const timestamp = parseTimestamp(x.timestamp);
  if (!isCount(x.seq) || !isNonEmptyString(x.event) || timestamp === null) return undefined;
  return { seq: x.seq, event: x.event, timestamp };
}

/** A VmSource, or undefined when malformed. */
function parseSource(x: unknown): VmSource | undefined {
  if (!isRecord(x)) return undefined;
  if (x.kind === 'qmp') return { kind: 'qmp' };
  if (x.kind === 'libvirt' && isNonEmptyString(x.uri) && isNonEmptyString(x.domain)) return { kind: 'libvirt', uri: x.uri, domain: x.domain };
  return undefined;
}

/** A VmInfo from untrusted input, or null when any field is missing or of the wrong kind. Only known keys are copied. */
export function parseVmInfo(x: unknown): VmInfo | null {
  if (!isRecord(x)) return null;
  const { name, target, connection, connectionSince, lastError, status, qemuVersion, guestName, eventCount } = x;
  if (!isNonEmptyString(name) || !isString(target) || !isConnectionState(connection)) return null;
  if (!isFiniteNumber(connectionSince) || !isCount(eventCount)) return null;
  if (!isStringOrNull(lastError) || !isStringOrNull(status)) return null;
  if (!isStringOrNull(qemuVersion) || !isStringOrNull(guestName)) return null;
  const lastEvent = parseLastEvent(x.lastEvent);
  if (lastEvent === undefined) return null;
  const vm: VmInfo = { name, target, connection, connectionSince, lastError, status, qemuVersion, guestName, eventCount, lastEvent };
  if (x.source !== undefined) {
    const source = parseSource(x.source);
    if (source === undefined) return null;
    vm.source = source;
  }
  if (x.node !== undefined) {
    if (!isNonEmptyString(x.node) || typeof x.reachable !== 'boolean') return null;
    vm.node = x.node;
    vm.reachable = x.reachable;
  }
  return vm;
}

/** A list of VMs, all-or-nothing. */
export function parseVmInfoList(x: unknown): VmInfo[] | null {
  if (!Array.isArray(x)) return null;
  const vms: VmInfo[] = [];
  for (const item of x) {
    const parsed = parseVmInfo(item);
    if (parsed === null) return null;
    vms.push(parsed);
  }
  return vms;
}

/** A VmActivity from untrusted input, or null. Only known keys are copied. */
export function parseVmActivity(x: unknown): VmActivity | null {
  if (!isRecord(x)) return null;
  const { name, eventCount } = x;
  if (!isNonEmptyString(name) || !isCount(eventCount)) return null;
  const lastEvent = parseLastEvent(x.lastEvent);
  if (lastEvent === undefined) return null;
  return { name, eventCount, lastEvent };
}
