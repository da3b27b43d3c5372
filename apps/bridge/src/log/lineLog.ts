import type { Log, LogFields } from './log.js';
import { prettyLine } from './prettyLine.js';

/** A Log that hands each record to `write` as one readable, escaped line (for callers that take lines). */
export function lineLog(write: (line: string) => void): Log {
  const at =
    (level: string) =>
    (msg: string, fields: LogFields = {}): void =>
      write(prettyLine({ ...fields, level, msg }).replace(/^qmpscope: /, ''));
  return { info: at('info'), warn: at('warn'), error: at('error') };
}
