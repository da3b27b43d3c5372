import type { StateCreator } from 'zustand';
import type { StoredEvent } from '@qmpscope/events';
import type { Recording } from '../recording/assemble';
import { EventLog } from './eventLog';
import type { AppState } from './store';

/** An imported file shown instead of the live events (read-only, offline). */
export type RecordingInfo = Omit<Recording, 'events'>;

export interface EventsSlice {
  /** What the page shows: the live log, or a recording's. Append-only; views read it through the live engine's snapshots. */
  log: EventLog;
  /** The bridge's events; keeps filling while a recording is open, so nothing is missed when it closes. */
  liveLog: EventLog;
  recording: RecordingInfo | null;
  eventsVersion: number;
  /** Appends one batch to the live log (deduped by seq); returns how many seqs were skipped. */
  appendEvents(batch: readonly StoredEvent[]): number;
  openRecording(recording: Recording): void;
  closeRecording(): void;
}

export const createEventsSlice: StateCreator<AppState, [], [], EventsSlice> = (set, get) => {
  const liveLog = new EventLog();
  return {
    log: liveLog,
    liveLog,
    recording: null,
    eventsVersion: 0,
    appendEvents: (batch) => {
      const { added, gap } = get().liveLog.append(batch);
      // One bump per batch (one batch per frame, see FrameBatcher); the live engine decides what redraws.
      if (added > 0) set((s) => ({ eventsVersion: s.eventsVersion + 1 }));
      return gap;
    },
    openRecording: ({ events, ...info }) => {
      const log = new EventLog();
      log.append(events);
      set((s) => ({ log, recording: info, eventsVersion: s.eventsVersion + 1, paused: false, selectedSeq: null }));
    },
    closeRecording: () => set((s) => ({ log: s.liveLog, recording: null, eventsVersion: s.eventsVersion + 1, selectedSeq: null })),
  };
};
