import { useShallow } from 'zustand/react/shallow';
import { useLive } from '../live/useLive';
import { useAppStore } from '../store/store';

/** Freezes the view; arrivals keep being held and are counted as "N new". */
export function PauseButton() {
  const { paused, pause, resume } = useAppStore(useShallow((s) => ({ paused: s.paused, pause: s.pause, resume: s.resume })));
  const newCount = useLive('readout').newWhilePaused;
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
