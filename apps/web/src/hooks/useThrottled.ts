import { useEffect, useRef, useState } from 'react';

/** Runs `cb` once the next frame has been painted; returns a cancel. */
function afterPaint(cb: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(cb, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

function later(cb: () => void, ms: number): () => void {
  const timer = setTimeout(cb, ms);
  return () => clearTimeout(timer);
}

/**
 * `value`, but changing at most once per `ms`: heavy views (charts, timeline)
 * redraw a few times a second during an event flood instead of every frame.
 * The first change after a quiet spell passes once the next frame is painted: the render that
 * made it (a filter ticked over 1M events) gets its frame before the heavy views rebuild (their
 * 30-50 ms renders had delayed the list's new rows on screen by as much). A change while one is
 * pending is taken along when it lands, so the last one is never lost, and a stream of changes
 * never starves it. A change of `restartKey` passes the current value at once.
 */
export function useThrottled<T>(value: T, ms: number, restartKey?: unknown): T {
  const [shown, setShown] = useState(value);
  const latest = useRef(value);
  const shownRef = useRef(value);
  const last = useRef(0);
  const pending = useRef<(() => void) | null>(null);
  const key = useRef(restartKey);
  useEffect(() => {
    latest.current = value;
    const show = () => {
      pending.current = null;
      last.current = Date.now();
      shownRef.current = latest.current;
      setShown(() => latest.current);
    };
    if (!Object.is(key.current, restartKey)) {
      // A new restartKey (history finished loading) lets the value through at once: the list
      // has been drawing all along, and the heavy views have waited for this.
      key.current = restartKey;
      pending.current?.();
      show();
      return;
    }
    if (pending.current !== null || Object.is(value, shownRef.current)) return;
    const wait = last.current + ms - Date.now();
    pending.current = wait <= 0 ? afterPaint(show) : later(show, wait);
  }, [value, ms, restartKey]);
  useEffect(() => () => pending.current?.(), []);
  return shown;
}
