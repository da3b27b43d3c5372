import type { StateCreator } from 'zustand';
import type { StoredEvent } from '@qmpscope/events';
import { EventLog } from './eventLog';
import type { AppState } from './store';

export interface EventsSlice {
  /** Mutable, append-only log; select `eventsVersion` to re-render on change. */
  log: EventLog;
  eventsVersion: number;
  /** Appends one batch (deduped by seq); returns how many seqs were skipped. */
  appendEvents(batch: readonly StoredEvent[]): number;
}

export const createEventsSlice: StateCreator<AppState, [], [], EventsSlice> = (set, get) => ({
  log: new EventLog(),
  eventsVersion: 0,
  appendEvents: (batch) => {
    const { added, gap } = get().log.append(batch);
    if (added > 0) set((s) => ({ eventsVersion: s.eventsVersion + 1 }));
    return gap;
  },
});
