import type { StateCreator } from 'zustand';
import type { Recording } from '../recording/assemble';
import type { AppState } from './store';

/**
 * Which events the page shows: the bridge's, or an imported file's (read-only, offline). The
 * events themselves are the live engine's (live/heldEvents.ts): views read its snapshots.
 */
export interface RecordingSlice {
  /** The file shown instead of the live events; its events are never changed after import. */
  recording: Recording | null;
  openRecording(recording: Recording): void;
  closeRecording(): void;
}

export const createRecordingSlice: StateCreator<AppState, [], [], RecordingSlice> = (set) => ({
  recording: null,
  openRecording: (recording) => set({ recording, paused: false, selectedSeq: null }),
  closeRecording: () => set({ recording: null, selectedSeq: null }),
});
