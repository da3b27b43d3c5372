import type { QmpTarget } from './types.js';

/** A target string the user gave cannot be understood. */
export class TargetError extends Error {
  override readonly name = 'TargetError';
}

const USAGE = 'expected unix:/path/to/socket or tcp:host:port';

export interface ParseTargetOptions {
  /** For a server: accept port 0 (any free port). */
  listen?: boolean;
}

/** Parses `unix:/path` or `tcp:host:port` (IPv6 as `tcp:[::1]:port`). */
export function parseTarget(s: string, options: ParseTargetOptions = {}): QmpTarget {
  const text = s.trim();
  if (text.startsWith('unix:')) {
    const path = text.slice('unix:'.length);
    if (path === '') throw new TargetError(`invalid QMP target "${s}": the socket path is empty; ${USAGE}`);
    return { kind: 'unix', path };
  }
  if (text.startsWith('tcp:')) return parseTcp(s, text.slice('tcp:'.length), options.listen === true ? 0 : 1);
  throw new TargetError(`invalid QMP target "${s}": ${USAGE}`);
}

function parseTcp(original: string, rest: string, minPort: number): QmpTarget {
  let host: string;
  let portText: string;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0 || rest[close + 1] !== ':') {
      throw new TargetError(`invalid QMP target "${original}": an IPv6 address is written tcp:[::1]:4444`);
    }
    host = rest.slice(1, close);
    portText = rest.slice(close + 2);
  } else {
    const colon = rest.lastIndexOf(':');
    if (colon < 0) throw new TargetError(`invalid QMP target "${original}": the port is missing; ${USAGE}`);
    host = rest.slice(0, colon);
    portText = rest.slice(colon + 1);
    if (host.includes(':')) {
      throw new TargetError(`invalid QMP target "${original}": put an IPv6 address in brackets, e.g. tcp:[::1]:4444`);
    }
  }
  if (host === '') throw new TargetError(`invalid QMP target "${original}": the host is empty; ${USAGE}`);
  const port = Number(portText);
  if (!/^\d{1,5}$/.test(portText) || port < minPort || port > 65535) {
    throw new TargetError(`invalid QMP target "${original}": port "${portText}" is not a number from ${minPort} to 65535`);
  }
  return { kind: 'tcp', host, port };
}

/** The inverse of parseTarget. */
export function formatTarget(t: QmpTarget): string {
  if (t.kind === 'unix') return `unix:${t.path}`;
  return t.host.includes(':') ? `tcp:[${t.host}]:${t.port}` : `tcp:${t.host}:${t.port}`;
}
