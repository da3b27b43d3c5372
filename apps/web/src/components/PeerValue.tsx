import { useState } from 'react';
import { VALUE_CHARS } from '../derive/peerText';
import { useCopy } from '../hooks/useCopy';
import { PeerText } from './PeerText';

/**
 * A peer string in the detail pane: its first VALUE_CHARS characters, and when it is longer,
 * "Show all" to draw the rest on demand and "Copy value" to take the whole of it.
 */
export function PeerValue({ value }: { value: string }) {
  const [all, setAll] = useState(false);
  const { copy, note } = useCopy('use Copy JSON below instead');
  if (value.length <= VALUE_CHARS) return <PeerText value={value} max={VALUE_CHARS} />;
  return (
    <>
      <PeerText value={value} max={all ? Infinity : VALUE_CHARS} />
      <span className="peer-actions">
        <button type="button" aria-expanded={all} onClick={() => setAll(!all)} title={`${value.length.toLocaleString('en-US')} characters`}>
          {all ? 'Show less' : 'Show all'}
        </button>
        <button type="button" onClick={() => void copy(value)}>
          Copy value
        </button>
        {note && <span aria-live="polite">{note}</span>}
      </span>
    </>
  );
}
