import { useCallback, useSyncExternalStore } from 'react';
import { liveEngine } from './appEngine';
import type { Snapshots, ViewName } from './liveEngine';

/** The engine's current snapshot of `view`; the caller re-renders when the engine publishes a new one. */
export function useLive<V extends ViewName>(view: V): Snapshots[V] {
  const subscribe = useCallback((listener: () => void) => liveEngine.subscribe(view, listener), [view]);
  const snapshot = useCallback(() => liveEngine.snapshot(view), [view]);
  return useSyncExternalStore(subscribe, snapshot);
}
