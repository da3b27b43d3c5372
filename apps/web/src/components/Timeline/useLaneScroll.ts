import { useCallback, useEffect, useRef, useState } from 'react';
import { scrollToLane } from '../../derive/laneWindow';

/**
 * The timeline lanes' scroll position, read from a scrollbar element once per frame:
 * each change redraws the lanes in view, so a fast scroll redraws at most once a frame.
 */
export function useLaneScroll(viewH: number, laneH: number, laneCount: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const frame = useRef(0);
  const onScroll = useCallback(() => {
    if (frame.current !== 0) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      setScrollTop(ref.current?.scrollTop ?? 0);
    });
  }, []);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);
  // A scrollbar that comes back (more lanes again) starts at the top: so does the drawing.
  const overflows = laneCount * laneH > viewH;
  const [overflowed, setOverflowed] = useState(overflows);
  if (overflowed !== overflows) {
    setOverflowed(overflows);
    if (!overflows) setScrollTop(0);
  }
  const scrollBy = useCallback((px: number) => {
    if (ref.current) ref.current.scrollTop += px;
  }, []);
  const showLane = useCallback(
    (lane: number) => {
      const el = ref.current;
      if (!el) return;
      const top = scrollToLane(lane, el.scrollTop, viewH, laneH, laneCount);
      if (top !== el.scrollTop) el.scrollTop = top;
    },
    [viewH, laneH, laneCount],
  );
  // Without a scrollbar (few lanes) nothing is scrolled, whatever the last position was.
  const top = overflows ? Math.max(0, Math.min(scrollTop, laneCount * laneH - viewH)) : 0;
  return { ref, onScroll, scrollTop: top, scrollBy, showLane };
}
