import { useEffect, useRef } from 'react';
import type { StoredEvent } from '@qmpscope/events';
import { searchTextOf } from '../derive/eventFacets';
import { useLive } from '../live/useLive';

/** Work per idle slice: well under a frame, so scrolling and arrivals stay smooth. */
const SLICE_MS = 8;
/**
 * Events between clock reads. Small: a callback run by its timeout (no idle time while events
 * stream) has no time left and does one chunk, which must stay far below a frame.
 */
const CHUNK = 32;

/**
 * Only the newest events are warmed: a cached search text per event for a whole
 * large history would exceed the page's heap budget (docs/PERFORMANCE.md). Older events
 * get theirs on the first search that reaches them.
 */
const WARM_NEWEST = 100_000;

/**
 * Builds each event's search text in idle time, so the first search over 100k
 * events is a scan of cached strings (tens of ms), not 100k JSON.stringify
 * calls in one click (hundreds of ms).
 */
export function useSearchWarmup(): void {
  const held = useLive('held');
  const phase = useLive('phase');
  const done = useRef<{ items: readonly StoredEvent[]; upto: number }>({ items: held.items, upto: 0 });
  useEffect(() => {
    // Not while history loads: each page moves the warm window up, and the idle time
    // between pages would warm far more than the newest WARM_NEWEST.
    if (phase === 'history') return;
    const { items, length } = held;
    // A new array (another log, or an out-of-order insert) starts over: its events are other objects or moved.
    if (done.current.items !== items) done.current = { items, upto: 0 };
    done.current.upto = Math.max(done.current.upto, length - WARM_NEWEST);
    if (done.current.upto >= length) return;
    let id = 0;
    const step = (deadline?: IdleDeadline) => {
      const until = performance.now() + Math.min(SLICE_MS, deadline?.timeRemaining() ?? SLICE_MS);
      const state = done.current;
      while (state.upto < length && performance.now() < until) {
        for (const end = Math.min(length, state.upto + CHUNK); state.upto < end; state.upto++) searchTextOf(items[state.upto]!);
      }
      if (state.upto < length) id = schedule(step);
    };
    id = schedule(step);
    return () => cancel(id);
  }, [held, phase]);
}

// requestIdleCallback is missing in some browsers (Safari): a timeout does the same job there.
const schedule = (fn: (d?: IdleDeadline) => void): number =>
  typeof requestIdleCallback === 'function' ? requestIdleCallback(fn, { timeout: 1000 }) : window.setTimeout(fn, 50);
const cancel = (id: number): void => (typeof cancelIdleCallback === 'function' ? cancelIdleCallback(id) : clearTimeout(id));
