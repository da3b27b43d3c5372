/**
 * A field's value. Whatever a peer sent (QMP, libvirt, HTTP, socket.io) goes in a field, never in
 * the message: JSON escapes it, and the readable format shows it escaped (logLine.ts).
 */
export type LogValue = string | number | boolean | null | undefined;
export type LogFields = Readonly<Record<string, LogValue>>;

/** Where the bridge's modules log: a message of ours, and fields for everything that varies. */
export interface Log {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

export const LOG_LEVELS = ['info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** `auto` is JSON lines unless stderr is a terminal (a service's log pipeline reads JSON; a person reads lines). */
export function effectiveFormat(format: LogFormat, stderrIsTerminal: boolean): 'json' | 'pretty' {
  if (format !== 'auto') return format;
  return stderrIsTerminal ? 'pretty' : 'json';
}
