import type { StoredEvent } from '@qmpscope/events';

export interface Neighbours {
  prevSameVm: StoredEvent | undefined;
  nextSameVm: StoredEvent | undefined;
  prevSameName: StoredEvent | undefined;
  nextSameName: StoredEvent | undefined;
}

/**
 * The nearest events of the same VM and of the same name around `index`.
 * Walks outward and stops at the first hit, so the usual case touches a few events; looks no
 * further than `end` (a view's length over an array that grows).
 */
export function neighbours(events: readonly StoredEvent[], index: number, end = events.length): Neighbours {
  const me = events[index];
  const result: Neighbours = { prevSameVm: undefined, nextSameVm: undefined, prevSameName: undefined, nextSameName: undefined };
  if (me === undefined) return result;
  for (let i = index - 1; i >= 0 && (!result.prevSameVm || !result.prevSameName); i--) {
    const e = events[i] as StoredEvent;
    if (!result.prevSameVm && e.vm === me.vm) result.prevSameVm = e;
    if (!result.prevSameName && e.event === me.event) result.prevSameName = e;
  }
  for (let i = index + 1; i < end && (!result.nextSameVm || !result.nextSameName); i++) {
    const e = events[i] as StoredEvent;
    if (!result.nextSameVm && e.vm === me.vm) result.nextSameVm = e;
    if (!result.nextSameName && e.event === me.event) result.nextSameName = e;
  }
  return result;
}
