import { pino, type DestinationStream } from 'pino';
import type { Log, LogFields, LogLevel } from './log.js';
import { escapeUnsafeInJson, MAX_LOG_LINE_CHARS } from './logLine.js';
import { prettyLine } from './prettyLine.js';

export interface LogOptions {
  format: 'json' | 'pretty';
  level: LogLevel;
  /** Where finished lines go (each ends in a newline); stderr by default. */
  write?: (text: string) => void;
}

/**
 * The bridge's log through pino: JSON lines `{"level":"warn","time":"<ISO 8601>","msg":...,fields}`,
 * or for a terminal the same records as readable lines (prettyLine.ts).
 */
export function createLog(opts: LogOptions): Log {
  const logger = pino(
    {
      level: opts.level,
      // pid and hostname are what journald and every collector add themselves.
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }), log: boundFields },
      hooks: { streamWrite: escapeUnsafeInJson },
    },
    destination(opts),
  );
  const at =
    (level: LogLevel) =>
    (msg: string, fields: LogFields = {}): void =>
      logger[level](fields, msg);
  return { info: at('info'), warn: at('warn'), error: at('error') };
}

function destination(opts: LogOptions): DestinationStream {
  if (opts.format === 'json') {
    // Synchronous: the bridge logs rarely, and a line written just before process.exit must not be lost.
    return opts.write ? { write: opts.write } : pino.destination({ dest: 2, sync: true });
  }
  const write = opts.write ?? ((text: string) => void process.stderr.write(text));
  return { write: (json: string) => write(`${prettyLine(JSON.parse(json) as Record<string, unknown>)}\n`) };
}

/** A field as long as a whole log line is cut there: a peer's megabyte string is not logged whole. */
function boundFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] =
      typeof value === 'string' && value.length > MAX_LOG_LINE_CHARS
        ? `${value.slice(0, MAX_LOG_LINE_CHARS)}… (${value.length - MAX_LOG_LINE_CHARS} more characters)`
        : value;
  }
  return out;
}
