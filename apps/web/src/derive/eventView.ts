import type { StoredEvent } from '@qmpscope/events';

/**
 * The first `length` events of `items`: what the page shows at one moment. `items` may grow
 * after the view was taken (live events are appended in place), never change below `length`,
 * so a view stays what it was. The list re-renders on every batch: handing it a view instead of
 * a new array saves a copy of the whole filtered list per batch, every frame.
 */
export interface EventView {
  readonly items: readonly StoredEvent[];
  readonly length: number;
}

export const EMPTY_VIEW: EventView = { items: [], length: 0 };

/** The view as an array of its own, for consumers that keep it (timeline, charts, export). */
export function viewEvents(view: EventView): StoredEvent[] {
  return view.items.slice(0, view.length);
}

/** Index of the event with `seq` in the view, or -1 (the view is in seq order). */
export function indexOfSeq(view: EventView, seq: number): number {
  let lo = 0;
  let hi = view.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const s = (view.items[mid] as StoredEvent).seq;
    if (s === seq) return mid;
    if (s < seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
