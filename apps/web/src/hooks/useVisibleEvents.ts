import { useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { EventView } from '../derive/eventView';
import type { Window } from '../derive/filterEvents';
import { resolveRange } from '../derive/timeRange';
import { VisibleEvents } from '../derive/visibleEvents';
import { useAppStore } from '../store/store';
import { useNow } from './useNow';

/** The window the page shows right now (a live window's start moves with the clock, once a second). */
export function useWindow(): Window {
  const { range, paused, frozenNow } = useAppStore(useShallow((s) => ({ range: s.range, paused: s.paused, frozenNow: s.frozenNow })));
  const ticking = range.kind === 'relative' && range.spanMs !== null && !paused;
  const now = useNow(1000, ticking);
  const { from, to } = resolveRange(range, paused ? frozenNow : now);
  return useMemo(() => ({ from, to }), [from, to]);
}

/** The filtered events in seq order, as a new view on every change (see VisibleEvents). */
export function useVisibleEvents(): EventView {
  const { log, filters, upto } = useAppStore(
    useShallow((s) => ({ log: s.log, filters: s.filters, upto: s.paused ? s.frozenCount : s.log.length, v: s.eventsVersion })),
  );
  const win = useWindow();
  const visible = useRef<VisibleEvents | null>(null);
  visible.current ??= new VisibleEvents();
  const v = visible.current;
  // log.events is a key of its own: an out-of-order insert replaces the log's array.
  const source = log.events;
  return useMemo(() => v.update(source, filters, win, upto), [v, source, filters, win, upto]);
}
