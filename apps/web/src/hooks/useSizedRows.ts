import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useResizeRead } from './useResizeRead';
import { sizedWindow, type SizedWindow } from '../derive/sizedWindow';

export interface SizedRows extends SizedWindow {
  /** Re-reads the scroll position; call from the scroll element's onScroll. */
  onScroll(): void;
  /** Ref callback for the rendered item of `key`: its height is measured after each render. */
  measure(key: string): (el: HTMLElement | null) => void;
}

/**
 * Windowing for a list of items of varying height inside `scrollRef`: only the items near the
 * viewport are rendered, each measured once it is (offsetHeight plus the list's row gap), the
 * rest estimated. At 1,000 VMs the cards, all rendered, re-rendered and were laid out in every
 * frame of a flood (each VM changes about every 100 ms): most of the page's main thread.
 */
export function useSizedRows(
  scrollRef: RefObject<HTMLElement | null>,
  listRef: RefObject<HTMLElement | null>,
  keys: readonly string[],
  estimate: number,
  overscan: number,
): SizedRows {
  const heights = useRef(new Map<string, number>());
  const items = useRef(new Map<string, HTMLElement>());
  const refs = useRef(new Map<string, (el: HTMLElement | null) => void>());
  const [view, setView] = useState({ top: 0, height: 600 });
  const [, setMeasured] = useState(0);
  const read = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    const top = el.scrollTop;
    const height = el.clientHeight;
    setView((v) => (v.top === top && v.height === height ? v : { top, height }));
  }, [scrollRef]);
  useResizeRead(scrollRef, read);
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list || items.current.size === 0) return;
    const gap = parseFloat(getComputedStyle(list).rowGap) || 0;
    let changed = false;
    for (const [key, el] of items.current) {
      const h = el.offsetHeight + gap;
      if (heights.current.get(key) !== h) {
        heights.current.set(key, h);
        changed = true;
      }
    }
    // Converges: a second pass measures the same heights and changes nothing.
    if (changed) setMeasured((n) => n + 1);
  });
  const measure = useCallback((key: string) => {
    let ref = refs.current.get(key);
    if (ref === undefined) {
      ref = (el: HTMLElement | null) => {
        if (el) items.current.set(key, el);
        else items.current.delete(key);
      };
      refs.current.set(key, ref);
    }
    return ref;
  }, []);
  const win = sizedWindow(keys.length, (i) => heights.current.get(keys[i] ?? ''), estimate, view.top, view.height, overscan);
  return { ...win, onScroll: read, measure };
}
