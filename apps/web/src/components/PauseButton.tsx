import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/store';

/** Freezes the view; arrivals keep being stored and are counted as "N new". */
export function PauseButton() {
  const { paused, pause, resume, newCount } = useAppStore(
    useShallow((s) => ({ paused: s.paused, pause: s.pause, resume: s.resume, newCount: s.paused ? s.log.length - s.frozenCount : 0 })),
  );
  return (
    <div className="pause">
      <button type="button" onClick={paused ? resume : pause} aria-pressed={paused}>
        {paused ? 'Resume' : 'Pause'}
      </button>
      {paused && (
        <span className="new-count" aria-live="polite">
          {newCount} new
        </span>
      )}
    </div>
  );
}
