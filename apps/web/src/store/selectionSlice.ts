import type { StateCreator } from 'zustand';
import type { AppState } from './store';

export interface SelectionSlice {
  selectedSeq: number | null;
  select(seq: number | null): void;
}

export const createSelectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set) => ({
  selectedSeq: null,
  select: (seq) => set({ selectedSeq: seq }),
});
