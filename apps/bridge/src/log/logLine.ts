/** Longest line written to the log; the rest is counted, not written. */
export const MAX_LOG_LINE_CHARS = 4000;

/**
 * Characters a peer could use to forge or hide log lines: C0 controls (CR, LF, ESC starts an ANSI
 * sequence), DEL, C1 controls (U+009B is a one-byte CSI), line and paragraph separators, and bidi
 * controls that reorder what a terminal shows.
 */
// eslint-disable-next-line no-control-regex -- control characters are what a log line must not carry raw.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * One log line that shows exactly what it holds: every unsafe character becomes a visible escape
 * (`\x1b`, `\u202e`), and the line is cut at MAX_LOG_LINE_CHARS. Every message that may carry a
 * peer's string (QMP, HTTP, socket.io, libvirt) goes through this before it reaches the terminal.
 */
export function logLine(text: string): string {
  const cut = text.length > MAX_LOG_LINE_CHARS ? text.slice(0, MAX_LOG_LINE_CHARS) : text;
  const escaped = cut.replace(UNSAFE, escapeChar);
  return cut === text ? escaped : `${escaped}… (${text.length - MAX_LOG_LINE_CHARS} more characters)`;
}

function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Writes `qmpscope: LINE` to stderr, made safe by logLine. */
export function warnToStderr(line: string): void {
  process.stderr.write(`qmpscope: ${logLine(line)}\n`);
}

/**
 * The same characters, in a JSON log line, as `\uXXXX` escapes: the same JSON value, and no raw C1
 * control or bidi override reaches a terminal that shows the line (JSON.stringify leaves them as they
 * are). A raw LF can only be the line's end: JSON escapes every one inside a string.
 */
export function escapeUnsafeInJson(jsonLine: string): string {
  return jsonLine.replace(UNSAFE, (c) => (c === '\n' ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
