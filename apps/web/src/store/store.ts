import { create } from 'zustand';
import { createConnectionSlice, type ConnectionSlice } from './connectionSlice';
import { createRecordingSlice, type RecordingSlice } from './recordingSlice';
import { createFiltersSlice, type FiltersSlice } from './filtersSlice';
import { createSelectionSlice, type SelectionSlice } from './selectionSlice';
import { createViewSlice, type ViewSlice } from './viewSlice';
import { createVmsSlice, type VmsSlice } from './vmsSlice';

export type AppState = ConnectionSlice & RecordingSlice & VmsSlice & FiltersSlice & SelectionSlice & ViewSlice;

/** Builds a fresh store; the app uses the singleton below, tests build their own. */
export function createAppStore() {
  return create<AppState>()((...a) => ({
    ...createConnectionSlice(...a),
    ...createRecordingSlice(...a),
    ...createVmsSlice(...a),
    ...createFiltersSlice(...a),
    ...createSelectionSlice(...a),
    ...createViewSlice(...a),
  }));
}

export const useAppStore = createAppStore();
export type AppStore = typeof useAppStore;
