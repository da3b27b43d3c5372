import type { StateCreator } from 'zustand';
import type { Filters } from '../derive/filterEvents';
import type { AppState } from './store';

export const NO_FILTERS: Filters = { vms: [], names: [], categories: [], severities: [], text: '' };

export interface FiltersSlice {
  filters: Filters;
  setFilters(patch: Partial<Filters>): void;
  /** Adds the value to the list if absent, removes it if present. */
  toggleFilter(key: 'vms' | 'names' | 'categories' | 'severities', value: string): void;
}

export const createFiltersSlice: StateCreator<AppState, [], [], FiltersSlice> = (set) => ({
  filters: NO_FILTERS,
  setFilters: (patch) => set((s) => ({ filters: { ...s.filters, ...patch } })),
  toggleFilter: (key, value) =>
    set((s) => {
      const list = s.filters[key];
      const next = list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
      return { filters: { ...s.filters, [key]: next } };
    }),
});
