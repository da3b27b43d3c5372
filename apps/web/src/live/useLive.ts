import { useCallback, useSyncExternalStore } from 'react';
import { liveEngine } from './appEngine';
import type { Snapshots, ViewName } from './snapshots';

/** The engine's current snapshot of `view`; the caller re-renders when the engine publishes a new one. */
export function useLive<V extends ViewName>(view: V): Snapshots[V] {
  const subscribe = useCallback((listener: () => void) => liveEngine.subscribe(view, listener), [view]);
  const snapshot = useCallback(() => liveEngine.snapshot(view), [view]);
  return useSyncExternalStore(subscribe, snapshot);
}

/**
 * A part of the engine's snapshot of `view`; the caller re-renders only when that part changes
 * identity, so `select` must return a value kept in the snapshot (an entry, not a new object).
 */
export function useLiveSelect<V extends ViewName, T>(view: V, select: (snapshot: Snapshots[V]) => T): T {
  const subscribe = useCallback((listener: () => void) => liveEngine.subscribe(view, listener), [view]);
  const selected = useCallback(() => select(liveEngine.snapshot(view)), [view, select]);
  return useSyncExternalStore(subscribe, selected);
}
