import { formatQmpTimestamp, getEventInfo, type StoredEvent } from '@qmpscope/events';
import { useShallow } from 'zustand/react/shallow';
import { facetsOf } from '../derive/eventFacets';
import { neighbours } from '../derive/neighbours';
import { describeReceiveDelay, receivedAsTimestamp } from '../derive/receiveDelay';
import { useAppStore } from '../store/store';
import { CategoryBadge } from './CategoryBadge';
import { FieldsTable } from './FieldsTable';
import { SHORT_CHARS } from '../derive/peerText';
import { PeerText } from './PeerText';
import { RawJson } from './RawJson';
import { SeverityBadge } from './SeverityBadge';

export function EventDetail() {
  const { seq, event, index, log, historyLoaded } = useAppStore(
    useShallow((s) => {
      const seq = s.selectedSeq;
      return {
        seq,
        event: seq === null ? undefined : s.log.get(seq),
        index: seq === null ? undefined : s.log.indexOf(seq),
        log: s.log,
        historyLoaded: s.historyLoaded,
        // Neighbours can appear later, so re-render while something is selected.
        v: seq === null ? 0 : s.eventsVersion,
      };
    }),
  );
  return (
    <section aria-label="Event detail" className="panel detail">
      {seq === null ? (
        <p className="empty">Select an event to see its fields.</p>
      ) : event === undefined || index === undefined ? (
        historyLoaded ? (
          <p role="alert">Event #{seq} is no longer stored (retention) or never existed.</p>
        ) : (
          <p className="empty">Loading event #{seq}…</p>
        )
      ) : (
        // Keyed by seq: a value shown whole (Show all) or a copy note does not carry over to the next event.
        <Detail key={seq} event={event} index={index} events={log.events} />
      )}
    </section>
  );
}

function Detail({ event, index, events }: { event: StoredEvent; index: number; events: readonly StoredEvent[] }) {
  const select = useAppStore((s) => s.select);
  const f = facetsOf(event);
  const info = getEventInfo(event.event);
  const n = neighbours(events, index);
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
