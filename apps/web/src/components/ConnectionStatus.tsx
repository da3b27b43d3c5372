import { useShallow } from 'zustand/react/shallow';
import type { LinkState } from '../store/connectionSlice';
import { useAppStore } from '../store/store';

const LABEL: Record<LinkState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline — retrying',
};

export function ConnectionStatus() {
  const { link, since, error, missed, invalid } = useAppStore(
    useShallow((s) => ({ link: s.link, since: s.linkSince, error: s.linkError, missed: s.missed, invalid: s.invalid })),
  );
  const detail = [
    `since ${new Date(since).toLocaleTimeString()}`,
    error && link !== 'live' ? error : null,
    `${missed} missed`,
    invalid > 0 ? `${invalid} invalid messages dropped` : null,
  ].filter((x) => x !== null);
  return (
    <div role="status" className={`link link-${link}`} title={detail.join('\n')}>
      <span className="link-dot" aria-hidden="true" />
      {LABEL[link]}
    </div>
  );
}
