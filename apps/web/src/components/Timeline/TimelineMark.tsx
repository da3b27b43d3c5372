import { memo } from 'react';
import { formatQmpTimestamp } from '@qmpscope/events';
import type { StoredEvent } from '@qmpscope/events';
import { facetsOf, type EventClass } from '../../derive/eventFacets';
import { peerPlain } from '../../derive/peerText';

// Primitive props (and the cached, per-event `facets`) so memo skips every mark
// whose bucket did not change: at 100k events a redraw touches only the newest marks.
interface Props {
  event: StoredEvent;
  facets: EventClass;
  x: number;
  count: number;
  y: number;
  selected: boolean;
  onSelect: (seq: number) => void;
}

/**
 * Colour says the category, shape says the severity, so neither relies on the
 * other: info a dot, notice a ring, warning a triangle, error a big red diamond.
 */
export const TimelineMark = memo(function TimelineMark({ event, facets, x, count, y, selected, onSelect }: Props) {
  const colour = `var(--cat-${facets.category})`;
  const cls = `mark sev-mark-${facets.severity}${selected ? ' selected' : ''}`;
  const title = `${peerPlain(event.vm)} ${peerPlain(facetsOf(event).summary)} [${facets.severity}] ${formatQmpTimestamp(event.timestamp)}${count > 1 ? ` (+${count - 1} more here)` : ''}`;
  const onClick = () => onSelect(event.seq);
  const common = { className: cls, onClick, 'data-seq': event.seq };
  switch (facets.severity) {
    case 'error':
      return (
        <path
          {...common}
          d={`M${x},${y - 10}L${x + 10},${y}L${x},${y + 10}L${x - 10},${y}Z`}
          fill="var(--sev-error)"
          stroke="var(--text)"
          strokeWidth={1.5}
        >
          <title>{title}</title>
        </path>
      );
    case 'warning':
      return (
        <path
          {...common}
          d={`M${x},${y - 7}L${x + 7},${y + 6}L${x - 7},${y + 6}Z`}
          fill={colour}
          stroke="var(--sev-warning)"
          strokeWidth={2}
        >
          <title>{title}</title>
        </path>
      );
    case 'notice':
      return (
        <circle {...common} cx={x} cy={y} r={5} fill="var(--panel)" stroke={colour} strokeWidth={2.5}>
          <title>{title}</title>
        </circle>
      );
    default:
      return (
        <circle {...common} cx={x} cy={y} r={3.5} fill={colour}>
          <title>{title}</title>
        </circle>
      );
  }
});
