import { useEffect, useRef, useState } from 'react';

/**
 * `value`, but changing at most once per `ms`: heavy views (charts, timeline)
 * redraw a few times a second during an event flood instead of every frame.
 * The first change after a quiet spell passes at once; the last one is never lost.
 */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    const wait = last.current + ms - Date.now();
    if (wait <= 0) {
      last.current = Date.now();
      setShown(value);
      return;
    }
    const id = setTimeout(() => {
      last.current = Date.now();
      setShown(value);
    }, wait);
    return () => clearTimeout(id);
  }, [value, ms]);
  return shown;
}
