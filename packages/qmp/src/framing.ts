import { StringDecoder } from 'node:string_decoder';
import { parseQmpJson } from './exactJson.js';
import type { JsonValue, QmpProtocolIssue } from './types.js';

export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

export interface QmpFramerCallbacks {
  /** One complete JSON value (normally an object) read from the stream. */
  onMessage: (message: JsonValue) => void;
  /** A recoverable problem (invalid-json) or, for line-too-long, one after which the framer ignores input until reset(). */
  onIssue: (issue: QmpProtocolIssue) => void;
}

export interface QmpFramerOptions {
  /** Longest accepted message (default 1 MiB). Counted in characters, which equal bytes for QEMU's ASCII output. */
  maxLineBytes?: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = 0x7b;
const CLOSE = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/**
 * Splits a QMP byte stream into parsed messages.
 *
 * QEMU ends every object with CRLF, so the fast path is one indexOf + one
 * JSON.parse per line on a chunk decoded once. A monitor with `pretty=on`
 * spreads an object over many lines: a line that is not complete JSON but opens
 * more braces than it closes starts an accumulation that ends when the brace
 * depth (counted outside strings) returns to zero.
 */
export class QmpFramer {
  readonly #cb: QmpFramerCallbacks;
  readonly #max: number;
  #decoder = new StringDecoder('utf8');
  /** Text after the last newline, waiting for the rest of its line. */
  #partial = '';
  /** Lines of a pretty-printed object being accumulated, joined by \n. */
  #multi = '';
  #depth = 0;
  #overflowed = false;

  constructor(callbacks: QmpFramerCallbacks, options: QmpFramerOptions = {}) {
    this.#cb = callbacks;
    this.#max = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  }

  /** True after a line-too-long issue: the stream can no longer be trusted; the owner should drop the connection. */
  get overflowed(): boolean {
    return this.#overflowed;
  }

  /** Forgets all buffered input (new connection). */
  reset(): void {
    this.#decoder = new StringDecoder('utf8');
    this.#partial = '';
    this.#multi = '';
    this.#depth = 0;
    this.#overflowed = false;
  }

  push(chunk: Uint8Array | string): void {
    if (this.#overflowed) return;
    const decoded = typeof chunk === 'string' ? chunk : this.#decoder.write(chunk);
    const text = this.#partial === '' ? decoded : this.#partial + decoded;
    let start = 0;
    let nl = text.indexOf('\n', start);
    while (nl >= 0) {
      if (nl - start > this.#max) return this.#overflow(nl - start);
      this.#line(text, start, nl);
      if (this.#overflowed) return;
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    const rest = text.length - start;
    if (rest + this.#multi.length > this.#max) return this.#overflow(rest + this.#multi.length);
    this.#partial = start === 0 ? text : text.slice(start);
  }

  #line(text: string, start: number, end: number): void {
    if (this.#depth > 0) {
      this.#continueMulti(text.slice(start, end));
      return;
    }
    // Hot path: a whole message on one line (trailing \r is JSON whitespace).
    const first = text.charCodeAt(start);
    if (first === OPEN) {
      const line = text.slice(start, end);
      let message: JsonValue;
      try {
        message = parseQmpJson(line);
      } catch {
        this.#notOneLine(line);
        return;
      }
      this.#cb.onMessage(message);
      return;
    }
    this.#notOneLine(text.slice(start, end));
  }

  /** A line that did not parse alone: blank, garbage, or the start of a pretty-printed object. */
  #notOneLine(line: string): void {
    const trimmed = line.trim();
    if (trimmed === '') return;
    if (trimmed.charCodeAt(0) !== OPEN) return this.#invalid(trimmed);
    const depth = depthAfter(trimmed, 0);
    if (depth.closedAt >= 0) {
      // Depth went back to 0 inside the line: something follows the object, or the object itself is broken.
      this.#parseOrReport(trimmed.slice(0, depth.closedAt + 1));
      const tail = trimmed.slice(depth.closedAt + 1);
      if (tail.trim() !== '') this.#notOneLine(tail);
      return;
    }
    this.#multi = trimmed;
    this.#depth = depth.depth;
    this.#checkMultiSize();
  }

  #continueMulti(line: string): void {
    // Pretty output indents everything inside the top-level object, so a line
    // starting with "{" at column 0 is a new message: the one being accumulated was garbage.
    if (line.charCodeAt(0) === OPEN) {
      this.#invalid(this.#multi);
      this.#multi = '';
      this.#depth = 0;
      this.#notOneLine(line);
      return;
    }
    const depth = depthAfter(line, this.#depth);
    if (depth.closedAt < 0) {
      this.#multi += '\n' + line;
      this.#depth = depth.depth;
      this.#checkMultiSize();
      return;
    }
    const whole = this.#multi + '\n' + line.slice(0, depth.closedAt + 1);
    this.#multi = '';
    this.#depth = 0;
    this.#parseOrReport(whole);
    const tail = line.slice(depth.closedAt + 1);
    if (tail.trim() !== '') this.#notOneLine(tail);
  }

  #parseOrReport(text: string): void {
    let message: JsonValue;
    try {
      message = parseQmpJson(text);
    } catch {
      this.#invalid(text);
      return;
    }
    this.#cb.onMessage(message);
  }

  #checkMultiSize(): void {
    if (this.#multi.length > this.#max) this.#overflow(this.#multi.length);
  }

  #invalid(text: string): void {
    const shown = text.length > 120 ? `${text.slice(0, 120)}…` : text;
    this.#cb.onIssue({ kind: 'invalid-json', message: `skipped a line that is not JSON: ${JSON.stringify(shown)}` });
  }

  #overflow(size: number): void {
    this.#overflowed = true;
    this.#partial = '';
    this.#multi = '';
    this.#depth = 0;
    this.#cb.onIssue({
      kind: 'line-too-long',
      message: `a message of more than ${this.#max} bytes (${size} so far) exceeds maxLineBytes; the connection will be reset`,
    });
  }
}

/**
 * Brace/bracket depth after scanning `line` starting at `depth`, outside strings.
 * A raw newline cannot occur inside a JSON string, so each line starts outside one.
 * closedAt: index where the depth returned to 0, or -1.
 */
function depthAfter(line: string, depth: number): { depth: number; closedAt: number } {
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN || c === OPEN_ARRAY) depth++;
    else if (c === CLOSE || c === CLOSE_ARRAY) {
      depth--;
      if (depth <= 0) return { depth: 0, closedAt: i };
    }
  }
  return { depth, closedAt: -1 };
}

/** Convenience for callers that want a function: returns push(). */
export function createLineFramer(callbacks: QmpFramerCallbacks, options?: QmpFramerOptions): (chunk: Buffer | string) => void {
  const framer = new QmpFramer(callbacks, options);
  return (chunk) => framer.push(chunk);
}
