import { formatAge } from '../derive/age';
import { usePageClock } from '../hooks/usePageClock';

/** "12 s ago", refreshed by the page's one-second clock; only this cell re-renders. */
export function AgeCell({ eventMs }: { eventMs: number }) {
  const now = usePageClock();
  return (
    <div role="gridcell" className="age">
      {formatAge(eventMs, now)}
    </div>
  );
}
