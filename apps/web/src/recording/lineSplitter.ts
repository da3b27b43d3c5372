import { MAX_LINE_CHARS } from './importLimits';
import { JsonStringMeter } from './stringMeter';

/** A line longer than the splitter keeps: its length and its longest JSON string, not its text. */
export interface OverlongLine {
  chars: number;
  longestString: number;
}

/**
 * Turns text chunks into whole lines (LF or CRLF), carrying a partial last line over to the
 * next chunk, so a file can be read in pieces of any size. A line past `maxChars` is measured
 * and dropped as it streams by, never held: one 100 MB line cost the tab its memory.
 */
export class LineSplitter {
  private rest = '';
  private over: { chars: number; meter: JsonStringMeter } | null = null;

  constructor(private readonly maxChars = MAX_LINE_CHARS) {}

  /** The complete lines in `chunk` (with what was carried over). */
  push(chunk: string): Array<string | OverlongLine> {
    const out: Array<string | OverlongLine> = [];
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf('\n', from);
      const end = nl === -1 ? chunk.length : nl;
      this.take(chunk, from, end);
      if (nl === -1) return out;
      out.push(this.close());
      from = nl + 1;
    }
  }

  /** The last line when the file does not end with a newline. */
  end(): Array<string | OverlongLine> {
    return this.rest === '' && this.over === null ? [] : [this.close()];
  }

  private take(chunk: string, from: number, to: number): void {
    if (this.over === null && this.rest.length + (to - from) <= this.maxChars) {
      this.rest += chunk.slice(from, to);
      return;
    }
    if (this.over === null) {
      this.over = { chars: this.rest.length, meter: new JsonStringMeter() };
      this.over.meter.feed(this.rest);
      this.rest = '';
    }
    this.over.chars += to - from;
    this.over.meter.feed(chunk, from, to);
  }

  private close(): string | OverlongLine {
    const over = this.over;
    const line = this.rest;
    this.over = null;
    this.rest = '';
    if (over !== null) return { chars: over.chars, longestString: over.meter.longest };
    return line.endsWith('\r') ? line.slice(0, -1) : line;
  }
}
