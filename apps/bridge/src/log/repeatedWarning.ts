/**
 * A warning a peer can trigger at any rate (a QEMU flooding bad events): the first is written at
 * once, the ones within the next `windowMs` are counted and summed up in the next line written,
 * so a flood costs the log one line per window.
 */
export class RepeatedWarning {
  private quietUntil = 0;
  private suppressed = 0;

  constructor(
    private readonly warn: (line: string) => void,
    private readonly windowMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  note(line: string): void {
    const t = this.now();
    if (t < this.quietUntil) {
      this.suppressed++;
      return;
    }
    const more = this.suppressed > 0 ? ` (and ${this.suppressed} more since the last one shown)` : '';
    this.suppressed = 0;
    this.quietUntil = t + this.windowMs;
    this.warn(line + more);
  }
}
