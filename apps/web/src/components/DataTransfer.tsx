import { memo, useRef, useState } from 'react';
import { useAppStore } from '../store/store';
import { importFile, type ImportProgress } from '../recording/importFile';
import { toJsonArray, toNdjson } from '../recording/exportEvents';
import { viewEvents, type EventView } from '../derive/eventView';

function download(text: string, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  // The download has started from the click; the URL can go once the browser took it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');

interface Props {
  /** How many events the filters show (a readout: it may trail the list by a moment). */
  count: number;
  /** What the filters show now: read at the click, so an export holds the latest events. */
  current: () => EventView;
}

/** Export the filtered view; import a file into the read-only recording view. */
export const DataTransfer = memo(function DataTransfer({ count, current }: Props) {
  const openRecording = useAppStore((s) => s.openRecording);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    const ac = new AbortController();
    abort.current = ac;
    setProgress({ bytes: 0, total: file.size, events: 0 });
    try {
      const rec = await importFile(file, setProgress, ac.signal);
      openRecording(rec);
    } catch (err) {
      setError(`Could not import ${file.name}: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setProgress(null);
      abort.current = null;
    }
  };

  return (
    <section aria-label="Export and import" className="panel data-io-panel">
      <h2>Export and import</h2>
      <div className="data-io">
        <button
          type="button"
          disabled={count === 0}
          onClick={() => download(toNdjson(viewEvents(current())), `qmpscope-${stamp()}.ndjson`, 'application/x-ndjson')}
        >
          Export NDJSON
        </button>
        <button
          type="button"
          disabled={count === 0}
          onClick={() => download(toJsonArray(viewEvents(current())), `qmpscope-${stamp()}.json`, 'application/json')}
        >
          Export JSON
        </button>
        <label className="import">
          Import recording
          <input
            type="file"
            accept=".ndjson,.jsonl,.json,.log,.txt,text/plain,application/json"
            disabled={progress !== null}
            onChange={(e) => {
              void onFile(e.currentTarget.files?.[0]);
              e.currentTarget.value = '';
            }}
          />
        </label>
      </div>
      <p className="muted">
        Exports the {count} events the current filters show. Import reads qmpscope exports, QMP event lines (socat) and virsh
        qemu-monitor-event output.
      </p>
      {progress && (
        <div>
          <progress aria-label="Import progress" max={Math.max(1, progress.total)} value={progress.bytes} />{' '}
          <span aria-live="polite">{progress.events} events read</span>{' '}
          <button type="button" onClick={() => abort.current?.abort()}>
            Cancel import
          </button>
        </div>
      )}
      {error && (
        <p role="alert" className="vm-error">
          {error}
        </p>
      )}
    </section>
  );
});
