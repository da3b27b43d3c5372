import { useAppStore, type AppState } from '../store/store';
import { LiveEngine, type EngineInput } from './liveEngine';

/** The store's part the engine reads. */
export function engineInput(s: AppState): EngineInput {
  return {
    recording: s.recording,
    filters: s.filters,
    range: s.range,
    paused: s.paused,
    frozenNow: s.frozenNow,
    selectedSeq: s.selectedSeq,
  };
}

/** The page's engine, over the page's store (started by App). */
export const liveEngine = new LiveEngine({ getState: () => engineInput(useAppStore.getState()), subscribe: useAppStore.subscribe });
