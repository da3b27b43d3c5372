/**
 * Public types of the QMP client. This package knows nothing of bridges,
 * browsers or storage, so it has its own JSON types (structurally the same as
 * @qmpscope/events' ones).
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** Where a QMP monitor listens: `unix:/path` or `tcp:host:port`. */
export type QmpTarget = { kind: 'unix'; path: string } | { kind: 'tcp'; host: string; port: number };

export interface QmpVersion {
  qemu: { major: number; minor: number; micro: number };
  package: string;
}

/** The server's greeting: `{"QMP": {"version": ..., "capabilities": [...]}}`. */
export interface QmpGreeting {
  version: QmpVersion;
  capabilities: string[];
}

/** An asynchronous event, QEMU's timestamp kept exactly, plus when we received it. */
export interface QmpEvent {
  event: string;
  /** Absent when QEMU sent no `data` key (STOP, RESUME, POWERDOWN, ...). */
  data?: JsonObject;
  timestamp: { seconds: number; microseconds: number };
  /** Epoch milliseconds (fractional) at which the line was read. */
  receivedAt: number;
}

export type QmpConnectionState = 'connecting' | 'connected' | 'disconnected';

export interface QmpStateChange {
  state: QmpConnectionState;
  /** Why we are disconnected / why the last attempt failed, as an actionable sentence. */
  error?: string;
}

/** What the client learns with query-status / query-name / query-version on every (re)connect, kept current by run-state events. */
export interface QmpVmInfo {
  /** RunState from query-status ("running", "paused", "shutdown", "suspended", "inmigrate", ...). */
  status: string | null;
  running: boolean | null;
  /** query-name's `name`, null when QEMU was started without -name. */
  name: string | null;
  /** "7.2.0" */
  version: string | null;
}

/** A problem with the stream that does not end the process: a non-JSON line, an oversized line, an unexpected message. */
export interface QmpProtocolIssue {
  kind: 'invalid-json' | 'line-too-long' | 'unexpected-message' | 'invalid-event';
  message: string;
}

export interface ReconnectOptions {
  /** First delay, ms (default 100). */
  initialDelayMs?: number;
  /** Cap, ms (default 5000). */
  maxDelayMs?: number;
  /** Multiplier per failed attempt (default 2). */
  factor?: number;
  /** Random fraction added/removed, 0..1 (default 0.2). */
  jitter?: number;
}

export interface QmpClientOptions {
  /** A parsed target or its string form `unix:/path` / `tcp:host:port`. */
  target: QmpTarget | string;
  /** Longest accepted message in bytes; a longer one resets the connection (default 1 MiB). */
  maxLineBytes?: number;
  /** false: do not reconnect. Default: reconnect forever with backoff and jitter. */
  reconnect?: ReconnectOptions | false;
  /** How long to wait for the greeting before giving up on an attempt (default 5000 ms). */
  greetingTimeoutMs?: number;
  /** Per-command timeout (default 30000 ms). */
  commandTimeoutMs?: number;
}

/** Typed listeners of QmpClient. */
export interface QmpClientEvents {
  /** Every event read from one socket chunk, in order. Preferred for throughput. */
  events: (batch: QmpEvent[]) => void;
  /** One event (emitted only when someone listens). */
  event: (ev: QmpEvent) => void;
  state: (change: QmpStateChange) => void;
  /** After negotiation + queries on each (re)connect, and on every run-state change. */
  info: (info: QmpVmInfo) => void;
  greeting: (greeting: QmpGreeting) => void;
  protocolIssue: (issue: QmpProtocolIssue) => void;
}
