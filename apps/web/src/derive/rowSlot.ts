/**
 * The React key of list row `index` when rows [start, end) are rendered.
 * Keyed by seq, every scroll frame that jumps a screenful unmounted all rows
 * and created new DOM for the next ones (GC churn at 60 jumps a second); keyed
 * by slot, a row that scrolls out hands its DOM nodes to the row that scrolls
 * in, and a row that stays keeps its key. Slots are unique within a window as
 * long as the window is at most `slotCount(start, end)` rows, which it is.
 */
export function slotCount(start: number, end: number): number {
  return Math.max(256, end - start);
}

export function rowSlot(index: number, slots: number): number {
  return index % slots;
}
