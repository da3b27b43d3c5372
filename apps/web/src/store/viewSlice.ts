import type { StateCreator } from 'zustand';
import { ALL_TIME, type TimeRange } from '../derive/timeRange';
import type { AppState } from './store';

export type ChartTab = 'all' | 'balloon' | 'rtc' | 'migration';
export const CHART_TABS: readonly ChartTab[] = ['all', 'balloon', 'rtc', 'migration'];

export interface ViewSlice {
  range: TimeRange;
  /**
   * Pausing freezes the clock here and, in the live engine, the view at the events held at that
   * moment; events keep arriving so nothing is lost, and the difference is the "N new" counter.
   */
  paused: boolean;
  frozenNow: number;
  tab: ChartTab;
  setRange(range: TimeRange): void;
  pause(): void;
  resume(): void;
  /** Re-freezes a paused view at what is held now (a page opened paused freezes once history has loaded). */
  freezeNow(): void;
  setTab(tab: ChartTab): void;
}

export const createViewSlice: StateCreator<AppState, [], [], ViewSlice> = (set, get) => ({
  range: ALL_TIME,
  paused: false,
  frozenNow: 0,
  tab: 'all',
  setRange: (range) => set({ range }),
  pause: () => {
    if (!get().paused) set({ paused: true, frozenNow: Date.now() });
  },
  resume: () => set({ paused: false }),
  freezeNow: () => set({ frozenNow: Date.now() }),
  setTab: (tab) => set({ tab }),
});
