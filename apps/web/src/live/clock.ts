/**
 * The engine's view of time: a wall clock, animation frames and timers. Injected so the engine
 * runs in Node tests with a manual clock; the browser's is below.
 */
export interface LiveClock {
  /** Wall-clock milliseconds (event timestamps are wall clock). */
  now(): number;
  frame(cb: () => void): () => void;
  timer(cb: () => void, ms: number): () => void;
  /**
   * Runs `cb` when the page is idle (nothing else queued, the frame's work done), at the latest after
   * `timeoutMs`; `timeLeft()` is the idle time left in ms (0 when run by the timeout).
   */
  idle(cb: (timeLeft: () => number) => void, timeoutMs: number): () => void;
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
  idle: (cb, timeoutMs) => {
    // Safari has no requestIdleCallback: there a task after the current one stands in for it.
    if (typeof requestIdleCallback !== 'function') return browserClock.timer(() => cb(() => 0), 0);
    const id = requestIdleCallback((deadline) => cb(() => (deadline.didTimeout ? 0 : deadline.timeRemaining())), { timeout: timeoutMs });
    return () => cancelIdleCallback(id);
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

/**
 * Runs `cb` when the page is idle after the next frame has been painted, at the latest `timeoutMs`
 * after that frame; returns a cancel.
 */
export function idleAfterPaint(clock: LiveClock, cb: () => void, timeoutMs: number): () => void {
  let cancelIdle = (): void => {};
  const cancelFrame = clock.frame(() => {
    cancelIdle = clock.idle(cb, timeoutMs);
  });
  return () => {
    cancelFrame();
    cancelIdle();
  };
}
