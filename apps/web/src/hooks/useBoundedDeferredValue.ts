import { useDeferredValue, useEffect, useState } from 'react';
import { shownValue } from '../derive/boundedDeferral';

/**
 * useDeferredValue that commits within `maxLagMs`. A deferred render is thrown
 * away by every urgent update; with live events there is one every frame (list,
 * counts), and a heavy view (charts, timeline over 1M events) whose render
 * outlasts a frame then never committed: the first chart had not appeared 60 s
 * after a 1M-event history while 1,000 ev/s streamed. Once the deferred value
 * has lagged `value` for `maxLagMs`, `value` itself is shown, so the view
 * redraws in the (blocking) render that brings the new value; it goes back to
 * deferred once a deferred render has caught up. While the deferred value is blank
 * (`isBlank`: nothing drawn yet), `value` is shown at once: the first drawing after the history loads.
 */
export function useBoundedDeferredValue<T>(value: T, maxLagMs: number, isBlank?: (v: T) => boolean): T {
  const deferred = useDeferredValue(value);
  const [overdue, setOverdue] = useState(false);
  const caughtUp = Object.is(deferred, value);
  useEffect(() => {
    if (caughtUp) {
      setOverdue(false);
      return;
    }
    // Timed from when the deferred value fell behind, not from value's latest change: a value
    // changing more often than maxLagMs must not keep postponing the deadline.
    const id = setTimeout(() => setOverdue(true), maxLagMs);
    return () => clearTimeout(id);
  }, [caughtUp, maxLagMs]);
  return shownValue(value, deferred, overdue, isBlank);
}
