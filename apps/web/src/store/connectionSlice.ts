import type { StateCreator } from 'zustand';
import type { AppState } from './store';

export type LinkState = 'connecting' | 'live' | 'reconnecting' | 'offline';

export interface ConnectionSlice {
  link: LinkState;
  /** Epoch ms when `link` last changed. */
  linkSince: number;
  /** Seqs the server skipped; stays 0 unless the no-gap promise breaks. */
  missed: number;
  /** Socket payloads dropped because they failed validation. */
  invalid: number;
  linkError: string | null;
  setLink(link: LinkState, error?: string | null): void;
  countMissed(n: number): void;
  countInvalid(n: number): void;
}

export const createConnectionSlice: StateCreator<AppState, [], [], ConnectionSlice> = (set, get) => ({
  link: 'connecting',
  linkSince: Date.now(),
  missed: 0,
  invalid: 0,
  linkError: null,
  setLink: (link, error = null) => {
    if (get().link === link && get().linkError === error) return;
    set({ link, linkSince: get().link === link ? get().linkSince : Date.now(), linkError: error });
  },
  countMissed: (n) => {
    if (n > 0) set((s) => ({ missed: s.missed + n }));
  },
  countInvalid: (n) => {
    if (n > 0) set((s) => ({ invalid: s.invalid + n }));
  },
});
