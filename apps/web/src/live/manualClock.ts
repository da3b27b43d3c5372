import type { LiveClock } from './clock';

/** A LiveClock driven by hand, for tests: frames and timers run only when the test says so. */
export class ManualClock implements LiveClock {
  private t = 0;
  private frames: Array<() => void> = [];
  private timers: Array<{ at: number; cb: () => void }> = [];

  now(): number {
    return this.t;
  }

  frame(cb: () => void): () => void {
    this.frames.push(cb);
    return () => {
      this.frames = this.frames.filter((f) => f !== cb);
    };
  }

  timer(cb: () => void, ms: number): () => void {
    const entry = { at: this.t + ms, cb };
    this.timers.push(entry);
    return () => {
      this.timers = this.timers.filter((e) => e !== entry);
    };
  }

  /** Runs the animation frame callbacks pending now, then the timers due now (a paint, then its tasks). */
  runFrame(): void {
    const frames = this.frames;
    this.frames = [];
    for (const f of frames) f();
    this.runDue();
  }

  /** Moves the clock on by `ms`, running timers as they fall due and a frame every 16 ms. */
  advance(ms: number, frameMs = 16): void {
    const end = this.t + ms;
    while (this.t < end) {
      this.t = Math.min(end, this.t + frameMs);
      this.runDue();
      this.runFrame();
    }
  }

  private runDue(): void {
    for (;;) {
      const due = this.timers.filter((e) => e.at <= this.t).sort((a, b) => a.at - b.at)[0];
      if (due === undefined) return;
      this.timers = this.timers.filter((e) => e !== due);
      due.cb();
    }
  }
}
