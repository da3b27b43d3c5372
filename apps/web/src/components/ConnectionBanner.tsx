import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLive } from '../live/useLive';
import { useAppStore } from '../store/store';

/** How long "connection back" stays up after a reconnect. */
const BACK_SHOWN_MS = 8000;

/**
 * Says when the bridge connection is lost, that it is being retried, and when
 * it is back whether anything was missed (catch-up is by seq, so it should be 0).
 */
export function ConnectionBanner() {
  const { link, since, error, missed } = useAppStore(
    useShallow((s) => ({ link: s.link, since: s.linkSince, error: s.linkError, missed: s.missed })),
  );
  // Before the first history is in, a connection that comes up is the first one, not one back.
  const history = useLive('phase') === 'history';
  const wasDown = useRef(false);
  const [backAt, setBackAt] = useState<number | null>(null);
  useEffect(() => {
    if (history) return;
    if (link === 'reconnecting' || link === 'offline') wasDown.current = true;
    else if (link === 'live' && wasDown.current) {
      wasDown.current = false;
      setBackAt(since);
      const id = setTimeout(() => setBackAt(null), BACK_SHOWN_MS);
      return () => clearTimeout(id);
    }
    return undefined;
  }, [link, since, history]);
  if (link === 'reconnecting' || link === 'offline') {
    return (
      <div role="alert" className="banner banner-error">
        Connection to the bridge lost at {new Date(since).toLocaleTimeString()} —{' '}
        {link === 'offline' ? 'offline, still retrying' : 'reconnecting…'}
        {error ? ` (${error})` : ''}. Events stored meanwhile are fetched by seq once it is back.
      </div>
    );
  }
  if (backAt !== null) {
    return (
      <div role="status" className={`banner ${missed > 0 ? 'banner-error' : ''}`}>
        Connection back at {new Date(backAt).toLocaleTimeString()} — caught up by seq,{' '}
        {missed === 0 ? 'nothing missed' : `${missed} events missed (the bridge no longer had them)`}.
      </div>
    );
  }
  return null;
}
