import { useEffect, useRef, useState } from 'react';

/**
 * `value`, `frames` animation frames late (0: at once). Views that change together (the three
 * charts, on one new batch of events) then commit in separate tasks: together they were one
 * 50–60 ms task that every arriving row waited behind; one each is under a frame's worth.
 * A value that changes while one is pending is taken along, so a stream of changes is
 * never starved, and the last one always lands.
 */
export function useFrameDelayed<T>(value: T, frames: number): T {
  const [shown, setShown] = useState(value);
  const latest = useRef(value);
  const pending = useRef(0);
  useEffect(() => {
    latest.current = value;
    if (frames <= 0 || pending.current !== 0) return;
    let left = frames;
    const step = () => {
      left -= 1;
      if (left > 0) pending.current = requestAnimationFrame(step);
      else {
        pending.current = 0;
        setShown(() => latest.current);
      }
    };
    pending.current = requestAnimationFrame(step);
  }, [value, frames]);
  useEffect(() => () => cancelAnimationFrame(pending.current), []);
  return frames <= 0 ? value : shown;
}
