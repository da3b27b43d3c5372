import type { PendingEvent, PendingUpdate } from '@qmpscope/events';

/** The newest pending events a page holds: it shows a screenful; the rest wait in the bridge's store. */
export const PENDING_HELD_MAX = 2000;

export interface PendingView {
  /** Ascending by localSeq, the newest PENDING_HELD_MAX at most. */
  events: readonly PendingEvent[];
  /** Own events of the bridge waiting for the fleet log in all, held here or not. */
  total: number;
}

const EMPTY: PendingView = { events: [], total: 0 };

/**
 * In a fleet: the serving bridge's own events that the fleet log has not taken yet (see the
 * `pending` packet). They have no fleet seq, so they live here, apart from the event log: no
 * cursor, link or chart uses them, and each leaves when the bridge says the log holds it (it then
 * arrives as an ordinary event). The live engine holds the page's one (`engine.pending`). Immutable
 * snapshots, published at most once per frame.
 */
export class PendingEvents {
  private view: PendingView = EMPTY;
  private readonly listeners = new Set<() => void>();
  private scheduled = false;

  constructor(private readonly schedule: (run: () => void) => void = (run) => requestAnimationFrame(run)) {}

  apply(update: PendingUpdate): void {
    const held = update.replace ? [] : this.view.events.filter((e) => e.localSeq > update.through);
    // Updates may repeat an event (a subscribe's snapshot, then the batch it was read from).
    let last = held.at(-1)?.localSeq ?? update.through;
    for (const e of update.events) {
      if (e.localSeq <= last) continue;
      held.push(e);
      last = e.localSeq;
    }
    const events = held.length > PENDING_HELD_MAX ? held.slice(held.length - PENDING_HELD_MAX) : held;
    const total = Math.max(update.total, events.length);
    this.view = events.length === 0 && total === 0 ? EMPTY : { events, total };
    this.notifySoon();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = (): PendingView => this.view;

  private notifySoon(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      for (const listener of this.listeners) listener();
    });
  }
}
