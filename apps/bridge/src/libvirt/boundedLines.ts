/**
 * Splits a byte stream into lines of at most `maxBytes`; a longer line is dropped whole (reported
 * once) instead of growing memory without limit, and the next line is read as usual.
 */
export class BoundedLines {
  private parts: Buffer[] = [];
  private size = 0;
  private skipping = false;

  constructor(
    private readonly maxBytes: number,
    private readonly onLine: (line: string) => void,
    private readonly onTooLong: (bytes: number) => void,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (let nl = chunk.indexOf(0x0a, start); nl >= 0; nl = chunk.indexOf(0x0a, start)) {
      this.take(chunk.subarray(start, nl));
      this.endLine();
      start = nl + 1;
    }
    if (start < chunk.length) this.take(chunk.subarray(start));
  }

  private take(piece: Buffer): void {
    this.size += piece.length;
    if (this.skipping) return;
    if (this.size > this.maxBytes) {
      this.skipping = true;
      this.parts = [];
      return;
    }
    this.parts.push(piece);
  }

  private endLine(): void {
    if (this.skipping) this.onTooLong(this.size);
    else this.onLine(Buffer.concat(this.parts).toString('utf8').replace(/\r$/, ''));
    this.parts = [];
    this.size = 0;
    this.skipping = false;
  }
}
