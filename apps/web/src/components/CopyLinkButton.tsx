import { useState } from 'react';
import { useAppStore } from '../store/store';
import { liveEngine } from '../live/appEngine';
import { eventTimeMs } from '../derive/eventTime';
import { serializeUrlView, shareableView } from '../url/urlState';
import { urlViewOf } from '../url/useUrlSync';

/**
 * Copies a link that shows the same thing tomorrow (absolute window + selection).
 * Where the clipboard is refused (plain http, permissions), the link is shown in
 * a text field to copy by hand.
 */
export function CopyLinkButton() {
  const [fallback, setFallback] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  const copy = async () => {
    const s = useAppStore.getState();
    const first = liveEngine.snapshot('held').items[0];
    const now = s.paused ? s.frozenNow : Date.now();
    const view = shareableView(urlViewOf(s), now, first === undefined ? undefined : eventTimeMs(first));
    const link = `${location.origin}${location.pathname}${serializeUrlView(view)}`;
    try {
      if (!navigator.clipboard) throw new Error('clipboard API unavailable');
      await navigator.clipboard.writeText(link);
      setFallback(null);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      // Not silent: the field below is how the user gets the link instead.
      setFallback(link);
    }
  };

  return (
    <div className="copy-link">
      <button type="button" onClick={() => void copy()}>
        Copy link
      </button>
      {copied && <span aria-live="polite">Link copied</span>}
      {fallback !== null && (
        <label>
          Link to this view
          <input type="text" readOnly value={fallback} onFocus={(e) => e.currentTarget.select()} autoFocus />
        </label>
      )}
    </div>
  );
}
