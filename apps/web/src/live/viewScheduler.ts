import { afterPaint, idleAfterPaint, type LiveClock } from './clock';

/**
 * When a view is handed a new snapshot.
 * - `frame`: in the same turn as the change. Changes arrive in an animation-frame callback (see
 *   FrameBatcher), so the row a socket message brings is drawn in the frame that follows it.
 * - `spaced`: when the page is idle after the next paint (at the latest IDLE_WAIT_MS after it),
 *   at most once per `spacingMs()`: a heavy redraw then never shares a frame with new rows nor
 *   runs ahead of a socket message already queued, and two heavy views never share a task. A
 *   `light` spaced view (a readout) costs little and may share one. An urgent change (the user's
 *   own) does not wait for idle time: it is published in a task right after the next paint.
 * A frame view's `historyMs` > 0 (the history still arriving) spaces it too: the first change in
 * the turn, then at most one per `historyMs`, the last never lost; a render per page of history
 * slowed the history itself.
 */
export type ViewPolicy = { kind: 'frame'; historyMs?: () => number } | { kind: 'spaced'; spacingMs: () => number; light?: boolean };

interface SpacedState {
  spacingMs: () => number;
  light: boolean;
  dirty: boolean;
  /** Publish at the next chance, whatever the spacing (history loaded, filters changed). */
  urgent: boolean;
  lastAt: number;
}

/** How long a due spaced view waits for idle time after a paint before it is published anyway. */
export const IDLE_WAIT_MS = 100;

/** The one place that decides, per view, when a new snapshot is published. */
export class ViewScheduler<V extends string> {
  private readonly frameViews: V[] = [];
  private readonly history = new Map<V, { ms: () => number; lastAt: number; cancel: (() => void) | null }>();
  private readonly spaced = new Map<V, SpacedState>();
  private cancelPump: (() => void) | null = null;
  /** When the pending pump runs: a pump for a later moment is replaced by an earlier one. */
  private pumpAt = Infinity;
  /** The pending pump skips the wait for idle time: an urgent change replaces one that waits. */
  private pumpUrgent = false;

  constructor(
    private readonly clock: LiveClock,
    policies: Record<V, ViewPolicy>,
    private readonly publish: (view: V) => void,
  ) {
    for (const view of Object.keys(policies) as V[]) {
      const p = policies[view];
      if (p.kind === 'frame') {
        this.frameViews.push(view);
        if (p.historyMs !== undefined) this.history.set(view, { ms: p.historyMs, lastAt: -Infinity, cancel: null });
      } else this.spaced.set(view, { spacingMs: p.spacingMs, light: p.light === true, dirty: false, urgent: false, lastAt: -Infinity });
    }
  }

  /** The data changed: frame views publish now, spaced ones when their turn comes. */
  changed(views?: readonly V[]): void {
    for (const v of this.frameViews) if (views === undefined || views.includes(v)) this.publishFrameView(v);
    for (const [v, s] of this.spaced) if (views === undefined || views.includes(v)) s.dirty = true;
    this.schedule();
  }

  /** The input changed in a way the user waits for: spaced views publish after the next paint. */
  urgent(views?: readonly V[]): void {
    for (const [v, s] of this.spaced) {
      if (views !== undefined && !views.includes(v)) continue;
      s.dirty = true;
      s.urgent = true;
    }
    this.changed(views === undefined ? undefined : views.filter((v) => !this.spaced.has(v)));
  }

  private publishFrameView(v: V): void {
    const c = this.history.get(v);
    if (c === undefined) return this.publish(v);
    const now = this.clock.now();
    const wait = c.lastAt + c.ms() - now;
    if (wait <= 0) {
      c.cancel?.();
      c.cancel = null;
      c.lastAt = now;
      this.publish(v);
    } else if (c.cancel === null) {
      c.cancel = this.clock.timer(() => {
        c.cancel = null;
        c.lastAt = this.clock.now();
        this.publish(v);
      }, wait);
    }
  }

  dispose(): void {
    for (const c of this.history.values()) {
      c.cancel?.();
      c.cancel = null;
    }
    this.cancelPump?.();
    this.cancelPump = null;
    this.pumpAt = Infinity;
    this.pumpUrgent = false;
  }

  private dueAt(s: SpacedState): number {
    return s.urgent ? -Infinity : s.lastAt + s.spacingMs();
  }

  private schedule(): void {
    let due = Infinity;
    let urgent = false;
    for (const s of this.spaced.values()) {
      if (!s.dirty) continue;
      due = Math.min(due, this.dueAt(s));
      urgent ||= s.urgent;
    }
    if (due === Infinity) return;
    const now = this.clock.now();
    const at = Math.max(due, now);
    if (this.cancelPump !== null && this.pumpAt <= at && (this.pumpUrgent || !urgent)) return;
    this.cancelPump?.();
    this.pumpAt = at;
    this.pumpUrgent = urgent;
    const run = () => {
      this.cancelPump = null;
      this.pumpAt = Infinity;
      this.pumpUrgent = false;
      this.pump();
    };
    // A due view waits for the paint of the frame in flight (and idle time, unless urgent); a later one sleeps until due first.
    const afterFrame = () => (urgent ? afterPaint(this.clock, run) : idleAfterPaint(this.clock, run, IDLE_WAIT_MS));
    this.cancelPump =
      at <= now
        ? afterFrame()
        : this.clock.timer(() => {
            this.cancelPump = afterFrame();
          }, at - now);
  }

  /** Publishes the due light views and one heavy view (the user's change first, else the most overdue), then schedules the rest. */
  private pump(): void {
    const now = this.clock.now();
    let pick: V | null = null;
    let pickDue = Infinity;
    let pickUrgent = false;
    const due: V[] = [];
    for (const [v, s] of this.spaced) {
      const at = this.dueAt(s);
      if (!s.dirty || at > now) continue;
      if (s.light) due.push(v);
      else if (s.urgent ? !pickUrgent || at < pickDue : !pickUrgent && at < pickDue) {
        pick = v;
        pickDue = at;
        pickUrgent = s.urgent;
      }
    }
    if (pick !== null) due.push(pick);
    for (const v of due) {
      const s = this.spaced.get(v) as SpacedState;
      s.dirty = false;
      s.urgent = false;
      s.lastAt = now;
      this.publish(v);
    }
    this.schedule();
  }
}
