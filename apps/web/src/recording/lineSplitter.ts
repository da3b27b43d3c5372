/**
 * Turns text chunks into whole lines (LF or CRLF), carrying a partial last
 * line over to the next chunk, so a file can be read in pieces of any size.
 */
export class LineSplitter {
  private rest = '';

  /** The complete lines in `chunk` (with what was carried over). */
  push(chunk: string): string[] {
    const text = this.rest + chunk;
    const lines = text.split('\n');
    this.rest = lines.pop() ?? '';
    return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  }

  /** The last line when the file does not end with a newline. */
  end(): string[] {
    const last = this.rest;
    this.rest = '';
    return last === '' ? [] : [last.endsWith('\r') ? last.slice(0, -1) : last];
  }
}
