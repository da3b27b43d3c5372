import type { Log, LogFields, LogLevel } from './log.js';

export interface LogRecord {
  level: LogLevel;
  msg: string;
  fields: LogFields;
}

/** A Log that keeps what it is told, for tests. */
export class MemoryLog implements Log {
  readonly records: LogRecord[] = [];

  info(msg: string, fields: LogFields = {}): void {
    this.records.push({ level: 'info', msg, fields });
  }

  warn(msg: string, fields: LogFields = {}): void {
    this.records.push({ level: 'warn', msg, fields });
  }

  error(msg: string, fields: LogFields = {}): void {
    this.records.push({ level: 'error', msg, fields });
  }
}
