import { useEffect, useRef } from 'react';
import { searchTextOf } from '../derive/eventFacets';
import { useAppStore } from '../store/store';

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
  const log = useAppStore((s) => s.log);
  const version = useAppStore((s) => s.eventsVersion);
  const historyLoaded = useAppStore((s) => s.historyLoaded);
  const done = useRef({ log, upto: 0 });
  useEffect(() => {
    // Not while history loads: each announcement moved the warm window up, and the
    // idle time between pages warmed far more than the newest 100k (~60 MB more at 1M).
    if (!historyLoaded && log === useAppStore.getState().liveLog) return;
    if (done.current.log !== log) done.current = { log, upto: 0 };
    done.current.upto = Math.max(done.current.upto, log.length - WARM_NEWEST);
    if (done.current.upto >= log.length) return;
    let id = 0;
    const step = (deadline?: IdleDeadline) => {
      const until = performance.now() + Math.min(SLICE_MS, deadline?.timeRemaining() ?? SLICE_MS);
      const state = done.current;
      while (state.upto < log.length && performance.now() < until) {
        for (const end = Math.min(log.length, state.upto + CHUNK); state.upto < end; state.upto++) searchTextOf(log.events[state.upto]!);
      }
      if (state.upto < log.length) id = schedule(step);
    };
    id = schedule(step);
    return () => cancel(id);
  }, [log, version, historyLoaded]);
}

// requestIdleCallback is missing in some browsers (Safari): a timeout does the same job there.
const schedule = (fn: (d?: IdleDeadline) => void): number =>
  typeof requestIdleCallback === 'function' ? requestIdleCallback(fn, { timeout: 1000 }) : window.setTimeout(fn, 50);
const cancel = (id: number): void => (typeof cancelIdleCallback === 'function' ? cancelIdleCallback(id) : clearTimeout(id));
