import { memo, useSyncExternalStore } from 'react';
import { formatQmpTimestamp, summarizeEvent } from '@qmpscope/events';
import { detailOf } from '../derive/eventFacets';
import { liveEngine } from '../live/appEngine';
import { useAppStore } from '../store/store';
import { PeerText } from './PeerText';

/** Rows shown, newest first: enough to follow a VM during an outage without a second list to scroll. */
const SHOWN = 50;

/**
 * In a fleet, while Redis cannot take this bridge's events: its own VMs' new events, which have no
 * fleet seq yet and so are not in the timeline, list or charts. Shown apart so the page keeps
 * showing what its own VMs do; each leaves once the fleet log holds it and it joins the rest.
 */
export const PendingEvents = memo(function PendingEvents() {
  const { pending } = liveEngine;
  const { events, total } = useSyncExternalStore(pending.subscribe, pending.snapshot);
  const vmFilter = useAppStore((s) => s.filters.vms);
  if (total === 0 && events.length === 0) return null;
  const shown = [];
  for (let i = events.length - 1; i >= 0 && shown.length < SHOWN; i--) {
    const e = events[i]!;
    if (vmFilter.length === 0 || vmFilter.includes(e.vm)) shown.push(e);
  }
  return (
    <section aria-label="Events waiting for the fleet log" className="banner banner-warn pending-events">
      <strong>{total === 1 ? '1 event' : `${total.toLocaleString()} events`} of this bridge's VMs waiting for the fleet log</strong>
      <p className="muted">
        Redis does not hold them yet: they are recorded on this bridge and join the timeline, list and charts, with their fleet seq, once it
        does. Newest first{vmFilter.length > 0 ? ', of the VMs filtered' : ''}:
      </p>
      <ul aria-label="Waiting events" className="pending-list">
        {shown.map((e) => (
          <li key={e.localSeq}>
            <span className="time" title={formatQmpTimestamp(e.timestamp)}>
              {formatQmpTimestamp(e.timestamp).replace(/^\d{4}-\d\d-\d\d /, '')}
            </span>{' '}
            <PeerText value={e.vm} />{' '}
            <strong>
              <PeerText value={e.event} />
            </strong>{' '}
            <PeerText value={detailOf(summarizeEvent(e.event, e.data), e.event)} />
          </li>
        ))}
      </ul>
    </section>
  );
});
