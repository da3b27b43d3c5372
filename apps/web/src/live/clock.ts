/**
 * The engine's view of time: a wall clock, animation frames and timers. Injected so the engine
 * runs in Node tests with a manual clock; the browser's is below.
 */
export interface LiveClock {
  /** Wall-clock milliseconds (event timestamps are wall clock). */
  now(): number;
  frame(cb: () => void): () => void;
  timer(cb: () => void, ms: number): () => void;
}

export const browserClock: LiveClock = {
  now: () => Date.now(),
  frame: (cb) => {
    const id = requestAnimationFrame(cb);
    return () => cancelAnimationFrame(id);
  },
  timer: (cb, ms) => {
    const id = setTimeout(cb, ms);
    return () => clearTimeout(id);
  },
};

/** Runs `cb` in a task after the next frame has been painted; returns a cancel. */
export function afterPaint(clock: LiveClock, cb: () => void): () => void {
  let cancelTimer = (): void => {};
  const cancelFrame = clock.frame(() => {
    cancelTimer = clock.timer(cb, 0);
  });
  return () => {
    cancelFrame();
    cancelTimer();
  };
}
