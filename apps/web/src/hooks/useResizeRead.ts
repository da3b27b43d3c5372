import { useEffect, type RefObject } from 'react';

/** Calls `read` once the element behind `ref` is mounted, and again whenever it changes size. */
export function useResizeRead(ref: RefObject<HTMLElement | null>, read: () => void): void {
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    read();
    const ro = new ResizeObserver(read);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref, read]);
}
