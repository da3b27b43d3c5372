import type { StoredEvent, VmInfo } from '@qmpscope/events';
import { formatQmpTimestamp } from '@qmpscope/events';
import { memo, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { facetsOf } from '../derive/eventFacets';
import { useSizedRows } from '../hooks/useSizedRows';
import { useAppStore } from '../store/store';
import { useLiveSelect } from '../live/useLive';
import { peerPlain, SHORT_CHARS } from '../derive/peerText';
import { PeerText } from './PeerText';
import { vmSourceLabel } from '../derive/vmSource';
import { SeverityBadge } from './SeverityBadge';
import { LibvirtConnections } from './LibvirtConnections';

/** Cards rendered beyond the visible ones on each side, so a short scroll shows no blank. */
const OVERSCAN = 3;
/** Height assumed for a card not yet rendered (a connected VM's card is about this tall). */
const CARD_ESTIMATE = 150;

// memo: App re-renders on every batch of events; the overview follows the store's VMs and the engine's per-VM events only.
export const VmOverview = memo(function VmOverview() {
  const vms = useAppStore((s) => s.vms);
  const scrollRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const names = useMemo(() => vms.map((vm) => vm.name), [vms]);
  // Only the cards near the viewport exist: at 1,000 VMs rendering every card was most of each frame.
  const rows = useSizedRows(scrollRef, listRef, names, CARD_ESTIMATE, OVERSCAN);
  return (
    <section aria-label="Virtual machines" className="panel vms">
      <h2>Virtual machines</h2>
      <LibvirtConnections />
      {vms.length === 0 ? (
        <p className="empty">No VMs known yet.</p>
      ) : (
        <div className="vm-scroll" ref={scrollRef} onScroll={rows.onScroll}>
          <ul ref={listRef} style={{ paddingTop: rows.before, paddingBottom: rows.after }}>
            {vms.slice(rows.start, rows.end).map((vm) => (
              <VmItem key={vm.name} vm={vm} measureRef={rows.measure(vm.name)} />
            ))}
          </ul>
        </div>
      )}
    </section>
  );
});

// Memo: a frame's VM updates replace only the VMs that changed (see mergeVms); the other
// cards keep their props and skip rendering (100 cards re-rendered every frame in a flood).
const VmItem = memo(function VmItem({ vm, measureRef }: { vm: VmInfo; measureRef: (el: HTMLElement | null) => void }) {
  const { setFilters, onlyThis } = useAppStore(
    useShallow((s) => ({ setFilters: s.setFilters, onlyThis: s.filters.vms.length === 1 && s.filters.vms[0] === vm.name })),
  );
  const newest = useLiveSelect('vmEvents', (s) => s.last.get(vm.name));
  const problem = useLiveSelect('vmEvents', (s) => s.problems.get(vm.name));
  // The bridge's count and last event may be a frame ahead of the events held: no details until it arrives.
  const last = newest !== undefined && newest.seq === vm.lastEvent?.seq ? newest : undefined;
  const select = useAppStore((s) => s.select);
  const lastFacets = last ? facetsOf(last) : undefined;
  return (
    <li ref={measureRef} className={`vm-card conn-${vm.connection}`}>
      <div className="vm-head">
        <strong className="vm-name">
          <PeerText value={vm.name} max={SHORT_CHARS} />
        </strong>
        {vm.guestName && vm.guestName !== vm.name && (
          <span className="muted">
            {' '}
            (<PeerText value={vm.guestName} max={SHORT_CHARS} />)
          </span>
        )}
      </div>
      <dl className="vm-facts">
        <dt>Connection</dt>
        <dd title={peerPlain(vm.lastError ?? vm.target)}>
          <span className={`conn conn-${vm.connection}`}>{vm.connection}</span> since {new Date(vm.connectionSince).toLocaleTimeString()}
          {vm.lastError && vm.connection !== 'connected' && (
            <span className="vm-error">
              {' '}
              — <PeerText value={vm.lastError} max={SHORT_CHARS} />
            </span>
          )}
        </dd>
        <dt>Source</dt>
        <dd>
          <PeerText value={vmSourceLabel(vm)} />
        </dd>
        <dt>Status</dt>
        <dd>
          <PeerText value={vm.status ?? 'unknown'} max={SHORT_CHARS} />
        </dd>
        <dt>QEMU</dt>
        <dd>
          <PeerText value={vm.qemuVersion ?? 'unknown'} max={SHORT_CHARS} />
        </dd>
        <dt>Events</dt>
        <dd>{vm.eventCount}</dd>
        <dt>Last event</dt>
        <dd>
          {vm.lastEvent ? (
            <button
              type="button"
              className="link-button"
              onClick={() => select(vm.lastEvent?.seq ?? null)}
              title={formatQmpTimestamp(vm.lastEvent.timestamp)}
            >
              <PeerText value={vm.lastEvent.event} max={SHORT_CHARS} />
              {lastFacets?.detail ? (
                <>
                  {' — '}
                  <PeerText value={lastFacets.detail} max={SHORT_CHARS} />
                </>
              ) : null}
            </button>
          ) : (
            'none'
          )}
          {lastFacets && lastFacets.severity !== 'info' && <SeverityBadge severity={lastFacets.severity} />}
        </dd>
        {problem && problem.seq !== vm.lastEvent?.seq && <LastProblem problem={problem} onSelect={select} />}
      </dl>
      <button type="button" aria-pressed={onlyThis} onClick={() => setFilters({ vms: onlyThis ? [] : [vm.name] })}>
        {/* One isolated run, not a <bdi> of the name alone: tests find the card by the name's exact text. */}
        <bdi className="peer">Show only {peerPlain(vm.name, SHORT_CHARS)}</bdi>
      </button>
    </li>
  );
});

/** The newest warning or error stays in the card after later events, so a panic is not missed. */
function LastProblem({ problem, onSelect }: { problem: StoredEvent; onSelect: (seq: number) => void }) {
  const facets = facetsOf(problem);
  return (
    <>
      <dt>Last problem</dt>
      <dd>
        <button type="button" className="link-button" onClick={() => onSelect(problem.seq)} title={formatQmpTimestamp(problem.timestamp)}>
          <PeerText value={problem.event} max={SHORT_CHARS} />
          {facets.detail ? (
            <>
              {' — '}
              <PeerText value={facets.detail} max={SHORT_CHARS} />
            </>
          ) : null}
        </button>
        <SeverityBadge severity={facets.severity} />
      </dd>
    </>
  );
}
