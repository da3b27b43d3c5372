/**
 * Decides when appended events are announced to the views (the store's
 * version bump). Live, every append is announced: one per frame already.
 * While history is still loading (1,000 pages for 1M events), announcing each
 * page made every view re-derive over everything held 1,000 times (O(n²));
 * here at most one announcement per `spacingMs`, plus a trailing one so the
 * last page is never left unannounced.
 */
export interface PublishClock {
  now(): number;
  later(cb: () => void, ms: number): () => void;
}

export const browserClock: PublishClock = {
  now: () => performance.now(),
  later: (cb, ms) => {
    const id = setTimeout(cb, ms);
    return () => clearTimeout(id);
  },
};

export const CATCH_UP_SPACING_MS = 250;

export class PublishThrottle {
  private lastAt = -Infinity;
  private cancelTrailing: (() => void) | null = null;

  constructor(
    private readonly publish: () => void,
    private readonly clock: PublishClock = browserClock,
    private readonly spacingMs = CATCH_UP_SPACING_MS,
  ) {}

  /** Something was appended; `loading` = history is still catching up. */
  changed(loading: boolean): void {
    const wait = this.lastAt + this.spacingMs - this.clock.now();
    if (!loading || wait <= 0) {
      this.flush();
      return;
    }
    if (this.cancelTrailing === null) this.cancelTrailing = this.clock.later(() => this.flush(), wait);
  }

  /** Drops a pending trailing announcement (its listener is going away). */
  cancel(): void {
    this.cancelTrailing?.();
    this.cancelTrailing = null;
  }

  /** Announces now whatever is unannounced (history finished, a recording opened). */
  flush(): void {
    this.cancelTrailing?.();
    this.cancelTrailing = null;
    this.lastAt = this.clock.now();
    this.publish();
  }
}
