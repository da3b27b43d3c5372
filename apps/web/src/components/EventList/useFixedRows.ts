import { useCallback, useState, type RefObject } from 'react';
import { useResizeRead } from '../../hooks/useResizeRead';
import { followWindow, scrollTopFor, type RowWindow } from '../../derive/rowWindow';

export interface FixedRows extends RowWindow {
  totalHeight: number;
  /** Re-reads the scroll position; call from the element's onScroll. */
  onScroll(): void;
  scrollToIndex(index: number): void;
}

/**
 * Windowing for a list whose rows all have one height: what to render is
 * arithmetic on scrollTop, so appending rows costs nothing here. State changes
 * only when the first visible row or the viewport height does.
 * `atEnd`: the list is being held at its last row (live follow), so the window is
 * the end of the list whatever the last scroll event said (see followWindow).
 */
export function useFixedRows(
  ref: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
  overscan: number,
  atEnd = false,
): FixedRows {
  const [view, setView] = useState({ firstRow: 0, height: 600 });
  const read = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const firstRow = Math.floor(el.scrollTop / rowHeight);
    const height = el.clientHeight;
    setView((v) => (v.firstRow === firstRow && v.height === height ? v : { firstRow, height }));
  }, [ref, rowHeight]);
  useResizeRead(ref, read);
  const scrollToIndex = useCallback(
    (index: number) => {
      const el = ref.current;
      if (el) el.scrollTop = scrollTopFor(index, el.scrollTop, el.clientHeight, rowHeight);
    },
    [ref, rowHeight],
  );
  const win = followWindow(view.firstRow, view.height, rowHeight, count, overscan, atEnd);
  return { ...win, totalHeight: count * rowHeight, onScroll: read, scrollToIndex };
}
