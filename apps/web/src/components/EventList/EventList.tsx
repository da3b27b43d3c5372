import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { indexOfSeq } from '../../derive/eventView';
import { useLive } from '../../live/useLive';
import { useFixedRows } from './useFixedRows';
import { useAppStore } from '../../store/store';
import { EventRow, ROW_HEIGHT } from './EventRow';

/** Pixels from the bottom that still count as "at the newest event". */
const BOTTOM_SLACK = ROW_HEIGHT * 1.5;

export function EventList() {
  const events = useLive('list').view;
  // Live pages show how long ago; a recording's ages would only say how old the file is.
  const showAge = useLive('phase') !== 'recording';
  const { selectedSeq, select, paused } = useAppStore(
    useShallow((s) => ({ selectedSeq: s.selectedSeq, select: s.select, paused: s.paused })),
  );
  const scrollRef = useRef<HTMLDivElement>(null);
  const [following, setFollowing] = useState(true);
  const [active, setActive] = useState<number>(-1);
  // Fixed-height rows: windowing is arithmetic, so a batch arriving at 100k rows costs O(screenful).
  // While following, the window is the list's end at once: new rows are in the DOM in the
  // commit that learns of them, not one scroll event (a frame) later.
  const rows = useFixedRows(scrollRef, events.length, ROW_HEIGHT, 12, following && !paused);
  const { scrollToIndex } = rows;

  // Newest at the bottom: follow it while live, unless the user scrolled up.
  // Setting scrollTop past the end (the browser clamps it) avoids reading
  // scrollHeight, which would force a layout on every frame of a flood.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el && following && !paused && events.length > 0) el.scrollTop = events.length * ROW_HEIGHT;
  }, [events.length, following, paused]);

  // A selection made elsewhere (URL, timeline, chart, neighbour buttons) scrolls into view once.
  const selectedIndex = selectedSeq === null ? -1 : indexOfSeq(events, selectedSeq);
  const [scrolledTo, setScrolledTo] = useState<{ seq: number; index: number } | null>(null);
  if (selectedIndex >= 0 && selectedSeq !== null && scrolledTo?.seq !== selectedSeq) {
    setScrolledTo({ seq: selectedSeq, index: selectedIndex });
    setActive(selectedIndex);
    if (selectedIndex < events.length - 1) setFollowing(false);
  }
  useEffect(() => {
    if (scrolledTo !== null) scrollToIndex(scrolledTo.index);
  }, [scrolledTo, scrollToIndex]);

  const onScroll = () => {
    rows.onScroll();
    const el = scrollRef.current;
    if (!el) return;
    const atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - BOTTOM_SLACK;
    if (atBottom !== following) setFollowing(atBottom);
  };

  const move = (to: number) => {
    if (events.length === 0) return;
    const i = Math.max(0, Math.min(events.length - 1, to));
    setActive(i);
    scrollToIndex(i);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const current = active >= 0 && active < events.length ? active : selectedIndex >= 0 ? selectedIndex : events.length - 1;
    if (e.key === 'j' || e.key === 'ArrowDown') move(current + 1);
    else if (e.key === 'k' || e.key === 'ArrowUp') move(current - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(events.length - 1);
    else if (e.key === 'Enter' || e.key === ' ') {
      const ev = events.items[current];
      if (ev) select(ev.seq);
    } else return;
    e.preventDefault();
  };

  // One stable callback for all rows, so memoized rows skip re-rendering while new events arrive.
  const onRowSelect = useCallback(
    (index: number, seq: number) => {
      setActive(index);
      select(seq);
    },
    [select],
  );

  const jumpToLatest = () => {
    setFollowing(true);
    if (scrollRef.current) scrollRef.current.scrollTop = rows.totalHeight;
  };

  const activeEvent = active < events.length ? events.items[active] : undefined;
  const shown = events.items.slice(rows.start, Math.min(rows.end, events.length));
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
          <div role="row" aria-rowindex={1} className={`row head${showAge ? ' with-age' : ''}`}>
            <div role="columnheader">Time</div>
            {showAge && <div role="columnheader">Age</div>}
            <div role="columnheader">VM</div>
            <div role="columnheader">Event</div>
            <div role="columnheader">Summary</div>
          </div>
        </div>
        <div ref={scrollRef} className="grid-body" onScroll={onScroll} role="rowgroup">
          {events.length === 0 && <p className="empty">No events match.</p>}
          <div className="grid-space" style={{ height: rows.totalHeight }}>
            {/* Rows are keyed by their place in the window, not by seq: when the window moves
                (a live batch, a scroll) each row's DOM nodes stay where they are and only their
                text and attributes change. Keyed by seq, a live batch of more rows than the
                window unmounted every row and created new ones each frame; the nodes' removal,
                creation and restyling were most of a frame at 10,000 ev/s. One translated block
                places them all, so no row's own style changes as the window moves. */}
            <div className="grid-rows" style={{ transform: `translateY(${rows.start * ROW_HEIGHT}px)` }}>
              {shown.map((ev, i) => {
                const index = rows.start + i;
                return (
                  <EventRow
                    key={i}
                    event={ev}
                    index={index}
                    selected={ev.seq === selectedSeq}
                    active={index === active}
                    showAge={showAge}
                    onSelect={onRowSelect}
                  />
                );
              })}
            </div>
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
