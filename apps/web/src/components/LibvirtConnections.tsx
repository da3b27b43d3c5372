import { memo } from 'react';
import { useAppStore } from '../store/store';
import { SHORT_CHARS } from '../derive/peerText';
import { PeerText } from './PeerText';

/**
 * The bridge's `--libvirt` connections with their state: a connection that cannot be reached, or
 * that has no domain yet, has no VM card to say so.
 */
export const LibvirtConnections = memo(function LibvirtConnections() {
  const connections = useAppStore((s) => s.libvirtConnections);
  if (connections.length === 0) return null;
  return (
    <ul aria-label="libvirt connections" className="libvirt-connections">
      {connections.map((c) => (
        <li key={c.uri} className={`conn-${c.connection}`}>
          <span className="muted">libvirt</span> <PeerText value={c.uri} max={SHORT_CHARS} />{' '}
          <span className={`conn conn-${c.connection}`}>{c.connection}</span> since {new Date(c.connectionSince).toLocaleTimeString()},{' '}
          {c.domains === 1 ? '1 domain' : `${c.domains} domains`}
          {c.lastError !== null && c.connection !== 'connected' && (
            <span className="vm-error">
              {' '}
              — <PeerText value={c.lastError} max={SHORT_CHARS} />
            </span>
          )}
        </li>
      ))}
    </ul>
  );
});
