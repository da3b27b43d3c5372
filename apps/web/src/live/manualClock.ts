import type { LiveClock } from './clock';

/**
 * A LiveClock driven by hand, for tests: frames and timers run only when the test says so.
 * Each frame is followed by an idle period unless `busy` is set (a page with no idle time),
 * when idle callbacks run only at their timeout.
 */
export class ManualClock implements LiveClock {
  busy = false;
  /** The length of the idle period that follows each frame. */
  idleMs = 50;
  /** What the clock is running now: tests check in which kind of task something happened. */
  phase: 'test' | 'frame' | 'timer' | 'idle' = 'test';
  private t = 0;
  private frames: Array<() => void> = [];
  private timers: Array<{ at: number; cb: () => void }> = [];
  private idles: Array<{ at: number; cb: (timeLeft: () => number) => void }> = [];

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

  idle(cb: (timeLeft: () => number) => void, timeoutMs: number): () => void {
    const entry = { at: this.t + timeoutMs, cb };
    this.idles.push(entry);
    return () => {
      this.idles = this.idles.filter((e) => e !== entry);
    };
  }

  /** Runs the animation frame callbacks pending now, the timers due now, then (unless busy) the idle callbacks. */
  runFrame(): void {
    const frames = this.frames;
    this.frames = [];
    for (const f of frames) this.run('frame', f);
    this.runDue();
    if (this.busy) return;
    const idles = this.idles;
    this.idles = [];
    const idleEnd = this.t + this.idleMs;
    for (const e of idles) this.run('idle', () => e.cb(() => Math.max(0, idleEnd - this.t)));
    this.runDue();
  }

  /** Moves the clock on by `ms` without running anything: work that takes that long. */
  spend(ms: number): void {
    this.t += ms;
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

  /** Runs timers, and idle callbacks whose timeout has passed, in the order they fall due. */
  private runDue(): void {
    for (;;) {
      const timer = this.timers.filter((e) => e.at <= this.t).sort((a, b) => a.at - b.at)[0];
      const idle = this.idles.filter((e) => e.at <= this.t).sort((a, b) => a.at - b.at)[0];
      if (timer !== undefined && (idle === undefined || timer.at <= idle.at)) {
        this.timers = this.timers.filter((e) => e !== timer);
        this.run('timer', timer.cb);
      } else if (idle !== undefined) {
        this.idles = this.idles.filter((e) => e !== idle);
        this.run('idle', () => idle.cb(() => 0));
      } else return;
    }
  }

  private run(phase: ManualClock['phase'], cb: () => void): void {
    const outer = this.phase;
    this.phase = phase;
    try {
      cb();
    } finally {
      this.phase = outer;
    }
  }
}
