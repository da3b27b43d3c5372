import type { ConnectionsInfo, ConnectionState, LibvirtConnectionInfo, VmActivity, VmInfo, VmSource } from '../contract.js';
import { isCount, isFiniteNumber, isNonEmptyString, isRecord, isString, isStringOrNull, parseTimestamp } from './shape.js';

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
  if (x.kind === 'libvirt' && isNonEmptyString(x.uri) && isNonEmptyString(x.domain))
    return { kind: 'libvirt', uri: x.uri, domain: x.domain };
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

/** A libvirt connection's state from untrusted input, or null. Only known keys are copied. */
function parseLibvirtConnection(x: unknown): LibvirtConnectionInfo | null {
  if (!isRecord(x)) return null;
  const { uri, connection, connectionSince, lastError, domains } = x;
  if (!isNonEmptyString(uri) || !isConnectionState(connection) || !isFiniteNumber(connectionSince)) return null;
  if (!isStringOrNull(lastError) || !isCount(domains)) return null;
  return { uri, connection, connectionSince, lastError, domains };
}

/** ConnectionsInfo from untrusted input, all-or-nothing: null when any part is malformed. */
export function parseConnectionsInfo(x: unknown): ConnectionsInfo | null {
  if (!isRecord(x) || !Array.isArray(x.libvirt)) return null;
  const libvirt: LibvirtConnectionInfo[] = [];
  for (const item of x.libvirt) {
    const parsed = parseLibvirtConnection(item);
    if (parsed === null) return null;
    libvirt.push(parsed);
  }
  return { libvirt };
}
