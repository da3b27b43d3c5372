import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { StoredEvent } from '@qmpscope/events';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/store';
import { EventRow, ROW_HEIGHT } from './EventRow';

/** Pixels from the bottom that still count as "at the newest event". */
const BOTTOM_SLACK = ROW_HEIGHT * 1.5;

export function EventList({ events }: { events: StoredEvent[] }) {
  const { selectedSeq, select, paused } = useAppStore(useShallow((s) => ({ selectedSeq: s.selectedSeq, select: s.select, paused: s.paused })));
  const scrollRef = useRef<HTMLDivElement>(null);
  const [following, setFollowing] = useState(true);
  const [active, setActive] = useState<number>(-1);
  const virtualizer = useVirtualizer({
    count: events.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // The default flushSync re-renders on every scroll event; batched is smooth at 100k rows.
    useFlushSync: false,
  });

  // Newest at the bottom: follow it while live, unless the user scrolled up.
  // Setting scrollTop past the end (the browser clamps it) avoids scrollToIndex,
  // which reads scrollHeight and forces a layout on every frame of a flood.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el && following && !paused && events.length > 0) el.scrollTop = virtualizer.getTotalSize();
  }, [events.length, following, paused, virtualizer]);

  // A selection made elsewhere (URL, timeline, chart, neighbour buttons) scrolls into view once.
  const selectedIndex = selectedSeq === null ? -1 : indexOfSeq(events, selectedSeq);
  const scrolledTo = useRef<number | null>(null);
  useEffect(() => {
    if (selectedIndex < 0 || scrolledTo.current === selectedSeq) return;
    scrolledTo.current = selectedSeq;
    setActive(selectedIndex);
    if (selectedIndex < events.length - 1) setFollowing(false);
    virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, selectedSeq, events.length, virtualizer]);

  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    const atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - BOTTOM_SLACK;
    if (atBottom !== following) setFollowing(atBottom);
  };

  const move = (to: number) => {
    if (events.length === 0) return;
    const i = Math.max(0, Math.min(events.length - 1, to));
    setActive(i);
    virtualizer.scrollToIndex(i, { align: 'auto' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const current = active >= 0 && active < events.length ? active : selectedIndex >= 0 ? selectedIndex : events.length - 1;
    if (e.key === 'j' || e.key === 'ArrowDown') move(current + 1);
    else if (e.key === 'k' || e.key === 'ArrowUp') move(current - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(events.length - 1);
    else if (e.key === 'Enter' || e.key === ' ') {
      const ev = events[current];
      if (ev) select(ev.seq);
    } else return;
    e.preventDefault();
  };

  const jumpToLatest = () => {
    setFollowing(true);
    if (scrollRef.current) scrollRef.current.scrollTop = virtualizer.getTotalSize();
  };

  const activeEvent = events[active];
  return (
    <section aria-label="Event list" className="panel list">
      <div
        role="grid"
        aria-label="Events"
        aria-rowcount={events.length + 1}
        aria-activedescendant={activeEvent ? `event-row-${activeEvent.seq}` : undefined}
        tabIndex={0}
        className="grid"
        onKeyDown={onKeyDown}
      >
        <div role="rowgroup" className="grid-head">
          <div role="row" aria-rowindex={1} className="row head">
            <div role="columnheader">Time</div>
            <div role="columnheader">VM</div>
            <div role="columnheader">Event</div>
            <div role="columnheader">Summary</div>
          </div>
        </div>
        <div ref={scrollRef} className="grid-body" onScroll={onScroll} role="rowgroup">
          {events.length === 0 && <p className="empty">No events match.</p>}
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const ev = events[item.index] as StoredEvent;
              return (
                <EventRow
                  key={ev.seq}
                  event={ev}
                  rowIndex={item.index + 2}
                  top={item.start}
                  selected={ev.seq === selectedSeq}
                  active={item.index === active}
                  onSelect={() => {
                    setActive(item.index);
                    select(ev.seq);
                  }}
                />
              );
            })}
          </div>
        </div>
      </div>
      {!following && events.length > 0 && (
        <button type="button" className="jump" onClick={jumpToLatest}>
          Jump to latest
        </button>
      )}
    </section>
  );
}

/** Binary search: the list is in seq order. */
function indexOfSeq(events: readonly StoredEvent[], seq: number): number {
  let lo = 0;
  let hi = events.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const s = (events[mid] as StoredEvent).seq;
    if (s === seq) return mid;
    if (s < seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
