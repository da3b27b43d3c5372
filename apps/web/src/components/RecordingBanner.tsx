import { useAppStore } from '../store/store';
import { PeerText } from './PeerText';

/** Says loudly that the page shows a file, not the bridge, and what of the file could not be read. */
export function RecordingBanner() {
  const recording = useAppStore((s) => s.recording);
  const close = useAppStore((s) => s.closeRecording);
  if (!recording) return null;
  const { name, skipped, skippedCount, lines, seqsAssigned } = recording;
  return (
    <section aria-label="Recording" className="banner banner-warn recording">
      <strong>
        Recording: <PeerText value={name} />
      </strong>{' '}
      — read-only, offline. {lines} lines read, {skippedCount} skipped.
      {seqsAssigned && ' The file had no unique seqs: events are numbered in file order.'}{' '}
      <button type="button" onClick={close}>
        Back to live
      </button>
      {skippedCount > 0 && (
        <details>
          <summary>Skipped lines</summary>
          <ul className="skipped" aria-label="Skipped lines">
            {skipped.map((s) => (
              <li key={s.line}>
                line {s.line}: <PeerText value={s.reason} />
              </li>
            ))}
            {skippedCount > skipped.length && <li>… and {skippedCount - skipped.length} more</li>}
          </ul>
        </details>
      )}
    </section>
  );
}
