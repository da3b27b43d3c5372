import { useMemo, useState } from 'react';
import type { StoredEvent } from '@qmpscope/events';
import { anyCut, firstParts, jsonParts } from '../derive/jsonDisplay';
import { moreText, VALUE_CHARS } from '../derive/peerText';
import { useCopy } from '../hooks/useCopy';
import { PeerText } from './PeerText';

/** About this many characters of JSON are drawn until "Show all". */
const RAW_CHARS = 50_000;

/**
 * The event as JSON, each string cut to VALUE_CHARS characters and the whole to about RAW_CHARS
 * unless "Show all"; "Copy JSON" copies it whole.
 */
export function RawJson({ event }: { event: StoredEvent }) {
  const [all, setAll] = useState(false);
  const { parts, restChars } = useMemo(() => {
    const { shown, restChars } = firstParts(jsonParts(event, all ? Infinity : VALUE_CHARS), all ? Infinity : RAW_CHARS);
    return { parts: shown, restChars };
  }, [event, all]);
  const cut = all || restChars > 0 || anyCut(parts);
  const { copy, note } = useCopy('select the text below instead');
  return (
    <div role="group" aria-label="Raw JSON" className="raw">
      <button type="button" onClick={() => void copy(() => JSON.stringify(event, null, 2))}>
        Copy JSON
      </button>
      {cut && (
        <button type="button" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? 'Show less' : 'Show all'}
        </button>
      )}
      {note && <span aria-live="polite">{note}</span>}
      <pre>
        {parts.map((p, i) =>
          p.kind === 'syntax' ? (
            p.text
          ) : p.more === 0 ? (
            <PeerText key={i} value={p.literal} max={Infinity} />
          ) : (
            <span key={i}>
              <PeerText value={p.literal.slice(0, -1)} max={Infinity} />
              <span className="peer-more">{moreText(p.more)}</span>"
            </span>
          ),
        )}
        {restChars > 0 && <span className="peer-more">{`\n… (${restChars.toLocaleString('en-US')} more characters of JSON)`}</span>}
      </pre>
    </div>
  );
}
