import { useEffect, useRef } from 'react';
import type { StoredEvent } from '@qmpscope/events';
import { searchTextOf } from '../derive/eventFacets';
import { useLive } from '../live/useLive';

/** Work per idle slice: well under a frame, so scrolling and arrivals stay smooth. */
const SLICE_MS = 8;
/**
 * Events between clock reads. Small: a callback run by its timeout (no idle time while events
 * stream) has no time left and does one chunk; 500 there were a 20–30 ms task.
 */
const CHUNK = 32;

/**
 * Only the newest events are warmed: a cached search text is ~150 bytes of
 * heap, i.e. ~150 MB for 1M events, over the page's heap budget. Older events
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
    // Not while history loads: each announcement moved the warm window up, and the
    // idle time between pages warmed far more than the newest 100k (~60 MB more at 1M).
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
