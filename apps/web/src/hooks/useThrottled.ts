import { useEffect, useRef, useState } from 'react';

/**
 * `value`, but changing at most once per `ms`: heavy views (charts, timeline)
 * redraw a few times a second during an event flood instead of every frame.
 * The first change after a quiet spell passes at once; the last one is never lost.
 * A change of `restartKey` also passes the current value at once.
 */
export function useThrottled<T>(value: T, ms: number, restartKey?: unknown): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  const key = useRef(restartKey);
  useEffect(() => {
    // A new restartKey (history finished loading) lets the value through at once, not a spacing later.
    if (!Object.is(key.current, restartKey)) {
      key.current = restartKey;
      last.current = 0;
    }
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
  }, [value, ms, restartKey]);
  return shown;
}
