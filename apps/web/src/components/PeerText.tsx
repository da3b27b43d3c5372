import { memo } from 'react';
import { INLINE_CHARS, moreText, peerText } from '../derive/peerText';

/**
 * A string from a peer (QEMU, an imported file) as the page draws it: isolated from the text
 * around it (`<bdi>`, unicode-bidi: isolate), invisible and control characters as visible codes,
 * at most `max` characters followed by how many more there are.
 */
export const PeerText = memo(function PeerText({ value, max = INLINE_CHARS }: { value: string; max?: number }) {
  const { segments, more } = peerText(value, max);
  return (
    <bdi className="peer">
      {segments.map((g, i) =>
        g.escape ? (
          <span key={i} className="peer-code" title="an invisible or control character, shown as its code">
            {g.text}
          </span>
        ) : (
          g.text
        ),
      )}
      {more > 0 && <span className="peer-more"> {moreText(more)}</span>}
    </bdi>
  );
});
