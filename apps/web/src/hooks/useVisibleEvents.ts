import { useMemo, useRef } from 'react';
import type { StoredEvent } from '@qmpscope/events';
import { useShallow } from 'zustand/react/shallow';
import { filterEvents, type Filters, type Window } from '../derive/filterEvents';
import { resolveRange } from '../derive/timeRange';
import { useAppStore } from '../store/store';
import type { EventLog } from '../store/eventLog';
import { useNow } from './useNow';

interface Cache {
  log: EventLog;
  filters: Filters;
  from: number;
  to: number;
  upto: number;
  result: StoredEvent[];
}

/** The window the page shows right now (a live window's start moves with the clock, once a second). */
export function useWindow(): Window {
  const { range, paused, frozenNow } = useAppStore(useShallow((s) => ({ range: s.range, paused: s.paused, frozenNow: s.frozenNow })));
  const ticking = range.kind === 'relative' && range.spanMs !== null && !paused;
  const now = useNow(1000, ticking);
  const { from, to } = resolveRange(range, paused ? frozenNow : now);
  return useMemo(() => ({ from, to }), [from, to]);
}

/**
 * The filtered events in seq order. While only new events arrived (same filters
 * and window), only the new ones are filtered: live updates cost O(batch).
 */
export function useVisibleEvents(): StoredEvent[] {
  const { log, filters, upto } = useAppStore(
    useShallow((s) => ({ log: s.log, filters: s.filters, upto: s.paused ? s.frozenCount : s.log.length, v: s.eventsVersion })),
  );
  const { from, to } = useWindow();
  const cache = useRef<Cache | null>(null);
  return useMemo(() => {
    const c = cache.current;
    let result: StoredEvent[];
    if (c && c.log === log && c.filters === filters && c.from === from && c.to === to && upto >= c.upto) {
      result = upto === c.upto ? c.result : c.result.concat(filterEvents(log.events, filters, { from, to }, upto, c.upto));
    } else {
      result = filterEvents(log.events, filters, { from, to }, upto);
    }
    cache.current = { log, filters, from, to, upto, result };
    return result;
  }, [log, filters, from, to, upto]);
}
