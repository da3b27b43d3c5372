import { logLine } from './logLine.js';

/** Keys pino writes itself; the rest of a record are the caller's fields. */
const OWN_KEYS = new Set(['level', 'time', 'msg']);

/**
 * One readable line for a terminal from a JSON log record: `qmpscope: [warn: |error: ]MESSAGE key=value`.
 * Every part goes through logLine, so a peer's CR, LF or escape sequence shows as `\x0d`, never acts.
 */
export function prettyLine(record: Record<string, unknown>): string {
  const level = typeof record['level'] === 'string' && record['level'] !== 'info' ? `${record['level']}: ` : '';
  const fields = Object.entries(record)
    .filter(([key]) => !OWN_KEYS.has(key))
    .map(([key, value]) => ` ${logLine(key)}=${shown(value)}`);
  return `qmpscope: ${level}${logLine(String(record['msg'] ?? ''))}${fields.join('')}`;
}

function shown(value: unknown): string {
  if (typeof value !== 'string') return logLine(JSON.stringify(value) ?? String(value));
  const safe = logLine(value);
  return safe === '' || /[\s"=]/.test(safe) ? `"${safe.replace(/"/g, '\\"')}"` : safe;
}
