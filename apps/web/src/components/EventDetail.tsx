import { formatQmpTimestamp, getEventInfo, type StoredEvent } from '@qmpscope/events';
import { facetsOf } from '../derive/eventFacets';
import type { Neighbours } from '../derive/neighbours';
import { describeReceiveDelay, receivedAsTimestamp } from '../derive/receiveDelay';
import { useLive } from '../live/useLive';
import { useAppStore } from '../store/store';
import { CategoryBadge } from './CategoryBadge';
import { FieldsTable } from './FieldsTable';
import { SHORT_CHARS } from '../derive/peerText';
import { PeerText } from './PeerText';
import { RawJson } from './RawJson';
import { SeverityBadge } from './SeverityBadge';

/** Draws the live engine's snapshot of the selection: it follows new neighbours and the history's arrival. */
export function EventDetail() {
  const selected = useLive('selected');
  return (
    <section aria-label="Event detail" className="panel detail">
      {selected.kind === 'none' ? (
        <p className="empty">Select an event to see its fields.</p>
      ) : selected.kind === 'missing' ? (
        <p role="alert">Event #{selected.seq} is no longer stored (retention) or never existed.</p>
      ) : selected.kind === 'arriving' ? (
        <p className="empty">Loading event #{selected.seq}…</p>
      ) : (
        // Keyed by seq: a value shown whole (Show all) or a copy note does not carry over to the next event.
        <Detail key={selected.seq} event={selected.event} neighbours={selected.neighbours} />
      )}
    </section>
  );
}

function Detail({ event, neighbours: n }: { event: StoredEvent; neighbours: Neighbours }) {
  const select = useAppStore((s) => s.select);
  const f = facetsOf(event);
  const info = getEventInfo(event.event);
  const nav = (label: string, peer: string, target: StoredEvent | undefined) => (
    <button
      type="button"
      disabled={target === undefined}
      onClick={() => target && select(target.seq)}
      title={target ? `#${target.seq}` : 'none'}
    >
      {label} <PeerText value={peer} />
    </button>
  );
  const receiveDelay = describeReceiveDelay(event.timestamp, event.receivedAt);
  return (
    <article>
      <h2>
        <span className="detail-name">
          <PeerText value={event.event} />
        </span>
        {f.detail && (
          <span className="detail-summary">
            {' '}
            — <PeerText value={f.detail} max={SHORT_CHARS} />
          </span>
        )}
      </h2>
      <p className="badges">
        <CategoryBadge category={f.category} /> <SeverityBadge severity={f.severity} />{' '}
        <span className="muted">
          #{event.seq} on <PeerText value={event.vm} />
        </span>
      </p>
      {info ? <p className="meaning">{info.summary}</p> : <p className="meaning">Not in the catalogue: shown as QEMU sent it.</p>}
      <dl className="times">
        <dt>QEMU time</dt>
        <dd title={`${formatQmpTimestamp(event.timestamp, 'utc')} UTC`}>{formatQmpTimestamp(event.timestamp)}</dd>
        <dt>Received by bridge</dt>
        <dd title={`${formatQmpTimestamp(receivedAsTimestamp(event.receivedAt), 'utc')} UTC`}>
          {formatQmpTimestamp(receivedAsTimestamp(event.receivedAt))}
          {receiveDelay && <span className="muted"> ({receiveDelay})</span>}
        </dd>
      </dl>
      <nav aria-label="Neighbouring events" className="neighbours">
        {nav('Previous in', event.vm, n.prevSameVm)}
        {nav('Next in', event.vm, n.nextSameVm)}
        {nav('Previous', event.event, n.prevSameName)}
        {nav('Next', event.event, n.nextSameName)}
      </nav>
      <FieldsTable event={event} />
      {info && info.notes.length > 0 && (
        <ul className="notes">
          {info.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <RawJson event={event} />
    </article>
  );
}
