import { memo } from 'react';
import { formatQmpTimestamp, type StoredEvent } from '@qmpscope/events';
import { facetsOf } from '../../derive/eventFacets';
import { eventTimeMs } from '../../derive/eventTime';
import { peerPlain } from '../../derive/peerText';
import { AgeCell } from '../AgeCell';
import { PeerText } from '../PeerText';

export const ROW_HEIGHT = 28;
/** One object for every row: React compares styles by value, but this skips even that diff. */
const ROW_STYLE = { height: ROW_HEIGHT } as const;

interface Props {
  event: StoredEvent;
  /** Position in the list (0-based): gives its aria-rowindex (the header is row 1) and its stripe. */
  index: number;
  selected: boolean;
  active: boolean;
  /** Live pages show how long ago; a recording's ages would only say how old the file is. */
  showAge: boolean;
  onSelect: (index: number, seq: number) => void;
}

export const EventRow = memo(function EventRow({ event, index, selected, active, showAge, onSelect }: Props) {
  const f = facetsOf(event);
  const local = formatQmpTimestamp(event.timestamp);
  return (
    <div
      role="row"
      id={`event-row-${event.seq}`}
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={`row${index % 2 === 1 ? ' alt' : ''}${showAge ? ' with-age' : ''} sev-row-${f.severity}${selected ? ' selected' : ''}${active ? ' active' : ''}`}
      style={ROW_STYLE}
      onClick={() => onSelect(index, event.seq)}
    >
      <div role="gridcell" className="time" title={`${local} local\n${formatQmpTimestamp(event.timestamp, 'utc')} UTC`}>
        {/* The date is in the title: the column keeps room for the summary. */}
        {/^\d{4}-\d\d-\d\d /.test(local) ? local.slice(11) : local}
      </div>
      {showAge && <AgeCell eventMs={eventTimeMs(event)} />}
      <div role="gridcell" className="vm-cell">
        <PeerText value={event.vm} />
      </div>
      <div role="gridcell" className={`name cat-text-${f.category}`}>
        <PeerText value={event.event} />
        {f.severity !== 'info' && <span className={`badge sev-${f.severity}`}>{f.severity}</span>}
      </div>
      <div role="gridcell" className="summary" title={peerPlain(f.detail)}>
        <PeerText value={f.detail} />
      </div>
    </div>
  );
});
