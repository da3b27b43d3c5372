import { useEffect } from 'react';
import type { AppState, AppStore } from '../store/store';
import { isDeliberateChange, parseUrlView, serializeUrlView, type UrlView } from './urlState';

export function urlViewOf(s: AppState): UrlView {
  return { filters: s.filters, range: s.range, sel: s.selectedSeq, tab: s.tab, paused: s.paused };
}

export function applyUrlView(store: AppStore, v: UrlView): void {
  const s = store.getState();
  s.setFilters(v.filters);
  s.setRange(v.range);
  s.select(v.sel);
  s.setTab(v.tab);
  if (v.paused) s.pause();
  else s.resume();
}

/**
 * The one place the URL and the store meet: read at load and on back/forward,
 * written on every change (pushState for deliberate steps, replaceState otherwise).
 */
export function useUrlSync(store: AppStore): void {
  useEffect(() => {
    applyUrlView(store, parseUrlView(location.search));
    let last = urlViewOf(store.getState());
    let applying = false;
    const unsubscribe = store.subscribe((s) => {
      if (applying) return;
      const next = urlViewOf(s);
      if (
        next.filters === last.filters &&
        next.range === last.range &&
        next.sel === last.sel &&
        next.tab === last.tab &&
        next.paused === last.paused
      )
        return;
      const search = serializeUrlView(next);
      if (search !== location.search) {
        const url = `${location.pathname}${search}${location.hash}`;
        if (isDeliberateChange(last, next)) history.pushState(null, '', url);
        else history.replaceState(null, '', url);
      }
      last = next;
    });
    const onPop = () => {
      applying = true;
      try {
        applyUrlView(store, parseUrlView(location.search));
      } finally {
        applying = false;
      }
      last = urlViewOf(store.getState());
    };
    window.addEventListener('popstate', onPop);
    return () => {
      unsubscribe();
      window.removeEventListener('popstate', onPop);
    };
  }, [store]);
}
