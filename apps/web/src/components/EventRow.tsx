import { memo } from 'react';
import { formatQmpTimestamp, type StoredEvent } from '@qmpscope/events';
import { facetsOf } from '../derive/eventFacets';

export const ROW_HEIGHT = 28;

interface Props {
  event: StoredEvent;
  rowIndex: number;
  top: number;
  selected: boolean;
  active: boolean;
  onSelect: () => void;
}

export const EventRow = memo(function EventRow({ event, rowIndex, top, selected, active, onSelect }: Props) {
  const f = facetsOf(event);
  const local = formatQmpTimestamp(event.timestamp);
  return (
    <div
      role="row"
      id={`event-row-${event.seq}`}
      aria-rowindex={rowIndex}
      aria-selected={selected}
      className={`row sev-row-${f.severity}${selected ? ' selected' : ''}${active ? ' active' : ''}`}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      onClick={onSelect}
    >
      <div role="gridcell" className="time" title={`${local} local\n${formatQmpTimestamp(event.timestamp, 'utc')} UTC`}>
        {/* The date is in the title: the column keeps room for the summary. */}
        {/^\d{4}-\d\d-\d\d /.test(local) ? local.slice(11) : local}
      </div>
      <div role="gridcell" className="vm-cell">{event.vm}</div>
      <div role="gridcell" className={`name cat-text-${f.category}`}>
        {event.event}
        {f.severity !== 'info' && <span className={`badge sev-${f.severity}`}>{f.severity}</span>}
      </div>
      <div role="gridcell" className="summary" title={f.detail}>{f.detail}</div>
    </div>
  );
});
