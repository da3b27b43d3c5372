import { useEffect, useState } from 'react';
import { PublishThrottle } from '../store/publishThrottle';
import { useAppStore } from '../store/store';

/**
 * The store's `eventsVersion`, re-rendering the caller at most once per `ms`: for readouts
 * (per-name counts) that no one reads 60 times a second, while every frame of a flood already
 * has the list to draw. The first change after a quiet spell passes at once, the last is never lost.
 */
export function useSpacedEventsVersion(ms: number): number {
  const [version, setVersion] = useState(() => useAppStore.getState().eventsVersion);
  useEffect(() => {
    const throttle = new PublishThrottle(() => setVersion(useAppStore.getState().eventsVersion), undefined, ms);
    // A change between this render and the subscription below is not lost.
    throttle.changed(true);
    const unsubscribe = useAppStore.subscribe((s, prev) => {
      if (s.eventsVersion !== prev.eventsVersion) throttle.changed(true);
    });
    return () => {
      unsubscribe();
      throttle.cancel();
    };
  }, [ms]);
  return version;
}
