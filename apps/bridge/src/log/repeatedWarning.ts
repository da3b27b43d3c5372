import type { LogFields } from './log.js';

/**
 * A warning a peer can trigger at any rate (a QEMU flooding bad events): the first is written at
 * once, the ones within the next `windowMs` are counted, and the next one written carries that
 * count as `suppressed`, so a flood costs the log one line per window.
 */
export class RepeatedWarning {
  private quietUntil = 0;
  private suppressed = 0;

  constructor(
    private readonly warn: (msg: string, fields: LogFields) => void,
    private readonly windowMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  note(msg: string, fields: LogFields = {}): void {
    const t = this.now();
    if (t < this.quietUntil) {
      this.suppressed++;
      return;
    }
    const more = this.suppressed > 0 ? { suppressed: this.suppressed } : {};
    this.suppressed = 0;
    this.quietUntil = t + this.windowMs;
    this.warn(msg, { ...fields, ...more });
  }
}
