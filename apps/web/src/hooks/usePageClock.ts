import { useSyncExternalStore } from 'react';

// One timer for the whole page, however many rows show an age: it runs only
// while something listens, and every listener sees the same second.
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

const read = () => now;

/** Epoch ms, updated once a second by the page's single clock. */
export function usePageClock(): number {
  return useSyncExternalStore(subscribe, read);
}
