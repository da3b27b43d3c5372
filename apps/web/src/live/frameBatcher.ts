import { browserClock, type LiveClock } from './clock';

/** What the batcher needs of the engine's clock. */
export type Scheduler = Pick<LiveClock, 'frame' | 'timer'>;

/**
 * Collects items and hands them over at most once per animation frame, so a
 * flood of socket messages becomes one store update and one React render per
 * frame. Background tabs get no animation frames, hence the timer fallback:
 * whichever fires first flushes.
 */
export class FrameBatcher<T> {
  private pending: T[] = [];
  private cancels: Array<() => void> = [];

  constructor(
    private readonly flushTo: (items: T[]) => void,
    private readonly scheduler: Scheduler = browserClock,
    private readonly fallbackMs = 200,
  ) {}

  push(...items: T[]): void {
    for (const item of items) this.pending.push(item);
    if (this.cancels.length === 0 && this.pending.length > 0) {
      const run = () => this.flush();
      this.cancels = [this.scheduler.frame(run), this.scheduler.timer(run, this.fallbackMs)];
    }
  }

  /** Hands over everything pending now (also used before ordering-sensitive steps). */
  flush(): void {
    for (const cancel of this.cancels) cancel();
    this.cancels = [];
    if (this.pending.length === 0) return;
    const items = this.pending;
    this.pending = [];
    this.flushTo(items);
  }
}
