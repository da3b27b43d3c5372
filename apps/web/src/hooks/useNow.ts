import { useEffect, useState } from 'react';

/** The current time, refreshed every `everyMs` while `ticking`; frozen otherwise. */
export function useNow(everyMs: number, ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs, ticking]);
  return now;
}
