import { useRef } from 'react';

/**
 * useMemo whose result survives a render React throws away. Views fed by
 * useDeferredValue render in the background; an urgent update (every scroll
 * frame) discards that render, and with it whatever useMemo computed in it. A
 * view whose derivation takes longer than a frame (the timeline over 1M
 * events) then restarted it every frame and never committed: 180 ms frames for
 * as long as the user scrolled. The ref is shared by every render of the
 * component, so a restarted render finds the work already done.
 */
export function useStableMemo<T>(compute: () => T, deps: readonly unknown[]): T {
  const cache = useRef<{ deps: readonly unknown[]; value: T } | null>(null);
  const c = cache.current;
  if (c !== null && sameDeps(c.deps, deps)) return c.value;
  const value = compute();
  cache.current = { deps, value };
  return value;
}

function sameDeps(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
}
