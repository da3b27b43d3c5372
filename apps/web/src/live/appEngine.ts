import { useAppStore, type AppState } from '../store/store';
import { LiveEngine, type EngineInput } from './liveEngine';

/** The store's part the engine reads. */
export function engineInput(s: AppState): EngineInput {
  return {
    log: s.log,
    eventsVersion: s.eventsVersion,
    filters: s.filters,
    range: s.range,
    paused: s.paused,
    frozenCount: s.frozenCount,
    frozenNow: s.frozenNow,
    loading: !s.historyLoaded && s.recording === null,
  };
}

/** The page's engine, over the page's store (started by App). */
export const liveEngine = new LiveEngine({ getState: () => engineInput(useAppStore.getState()), subscribe: useAppStore.subscribe });
