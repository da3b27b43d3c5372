import type { StateCreator } from 'zustand';
import type { Recording } from '../recording/assemble';
import type { AppState } from './store';

/** An imported file shown instead of the live events (read-only, offline). */
export type RecordingInfo = Omit<Recording, 'events'>;

/**
 * Which events the page shows: the bridge's, or an imported file's. The events themselves are
 * the live engine's (live/liveEngine.ts): views read them through its snapshots.
 */
export interface EventsSlice {
  /** The file shown instead of the live events; its events are never changed after import. */
  recording: Recording | null;
  openRecording(recording: Recording): void;
  closeRecording(): void;
}

export const createEventsSlice: StateCreator<AppState, [], [], EventsSlice> = (set) => ({
  recording: null,
  openRecording: (recording) => set({ recording, paused: false, selectedSeq: null }),
  closeRecording: () => set({ recording: null, selectedSeq: null }),
});
