import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { useResizeRead } from './useResizeRead';
import { sizedWindow, type SizedWindow } from '../derive/sizedWindow';

export interface SizedRows extends SizedWindow {
  /** Re-reads the scroll position; call from the scroll element's onScroll. */
  onScroll(): void;
  /** Ref callback for the rendered item of `key`: its height is measured when it appears or resizes. */
  measure(key: string): (el: HTMLElement | null) => void;
}

/**
 * Windowing for a list of items of varying height inside `scrollRef`: only the items near the
 * viewport are rendered, each measured once it is (offsetHeight plus the list's row gap), the
 * rest estimated: with all cards rendered, a fleet's cards were re-rendered and laid out in
 * every frame of a flood.
 */
export function useSizedRows(
  scrollRef: RefObject<HTMLElement | null>,
  listRef: RefObject<HTMLElement | null>,
  keys: readonly string[],
  estimate: number,
  overscan: number,
): SizedRows {
  // Measured heights as an immutable Map in state: render reads it, the observer replaces it.
  const [heights, setHeights] = useState<ReadonlyMap<string, number>>(() => new Map());
  const items = useRef(new Map<string, HTMLElement>());
  const refs = useRef(new Map<string, (el: HTMLElement | null) => void>());
  const [view, setView] = useState({ top: 0, height: 600 });
  const read = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    const top = el.scrollTop;
    const height = el.clientHeight;
    setView((v) => (v.top === top && v.height === height ? v : { top, height }));
  }, [scrollRef]);
  useResizeRead(scrollRef, read);
  // Heights come from a ResizeObserver: it reports after layout, only when a card's size changed
  // (and once when it appears); reading offsetHeight after every render forced a layout in every
  // frame of a flood.
  const observer = useRef<ResizeObserver | null>(null);
  const keyOf = useRef(new WeakMap<Element, string>());
  useEffect(() => {
    const ro = new ResizeObserver((entries) => {
      const list = listRef.current;
      const gap = list ? parseFloat(getComputedStyle(list).rowGap) || 0 : 0;
      const read: Array<[string, number]> = [];
      for (const entry of entries) {
        const key = keyOf.current.get(entry.target);
        if (key !== undefined) read.push([key, (entry.target as HTMLElement).offsetHeight + gap]);
      }
      setHeights((prev) => {
        let next: Map<string, number> | null = null;
        for (const [key, h] of read) {
          if (prev.get(key) === h) continue;
          next ??= new Map(prev);
          next.set(key, h);
        }
        return next ?? prev;
      });
    });
    observer.current = ro;
    for (const el of items.current.values()) ro.observe(el);
    return () => {
      ro.disconnect();
      observer.current = null;
    };
  }, [listRef]);
  const measure = useCallback((key: string) => {
    let ref = refs.current.get(key);
    if (ref === undefined) {
      ref = (el: HTMLElement | null) => {
        const known = items.current.get(key);
        if (known && known !== el) observer.current?.unobserve(known);
        if (el) {
          keyOf.current.set(el, key);
          items.current.set(key, el);
          observer.current?.observe(el);
        } else items.current.delete(key);
      };
      refs.current.set(key, ref);
    }
    return ref;
  }, []);
  const win = sizedWindow(keys.length, (i) => heights.get(keys[i] ?? ''), estimate, view.top, view.height, overscan);
  return { ...win, onScroll: read, measure };
}
