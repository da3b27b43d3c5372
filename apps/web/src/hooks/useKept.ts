import { useState } from 'react';

/**
 * `value`, or the value kept from an earlier render while `keep(kept, value)` returns the kept
 * one: an equal value keeps its identity, so what is memoized on it is not recomputed. State set
 * during render is React's pattern for information from previous renders (no ref write).
 */
export function useKept<T>(value: T, keep: (kept: T, next: T) => T): T {
  const [kept, setKept] = useState(value);
  const shown = keep(kept, value);
  if (shown !== kept) setKept(shown);
  return shown;
}
