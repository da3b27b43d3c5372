import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { eventTimeMs } from '../../derive/eventTime';
import { rangeWithEdge } from '../../derive/rangeEdge';
import { describeRelated } from '../../derive/relatedEvents';
import { keepLanes, laneMap, marksInLanes, scanGrid } from '../../derive/timelineScan';
import { laneWindow } from '../../derive/laneWindow';
import { markOrigin } from '../../derive/markOrigin';
import { dotPaths, isDot, nearestDot } from '../../derive/timelineDots';
import {
  fitDomain,
  panDomain,
  timeAt,
  xOf,
  zoomDomain,
  type Domain,
  type TimelineMark as TimelineMarkData,
} from '../../derive/timelineLayout';
import { useElementWidth } from '../../hooks/useElementWidth';
import { useLaneScroll } from './useLaneScroll';
import { useKept } from '../../hooks/useKept';
import { useLive } from '../../live/useLive';
import { liveEngine } from '../../live/appEngine';
import type { StoredEvent } from '@qmpscope/events';
import { useAppStore } from '../../store/store';
import { useVmNames } from '../../hooks/useVmNames';
import { TimelineAxis } from './TimelineAxis';
import { TimelineMark } from './TimelineMark';
import { TimelineRelated } from './TimelineRelated';
import { peerPlain } from '../../derive/peerText';

const GUTTER = 90;
const HIST_H = 36;
const LANE_H = 28;
/** Marks drawn at most (in the lanes drawn): see timelineScan. */
const MAX_DRAWN_MARKS = 4000;
const AXIS_H = 20;
/** Lanes in view at most; more scroll, so a redraw costs the lanes in view, not the fleet. */
const MAX_VISIBLE_LANES = 16;
/** Lanes drawn beyond each edge of the view, so a short scroll shows drawn lanes at once. */
const OVERSCAN = 3;
const SCROLLBAR_W = 16;

const sameDomain = (kept: Domain, next: Domain) => (kept.from === next.from && kept.to === next.to ? kept : next);

/** Lane centre in the lanes' own (scrolled) coordinates. */
const laneY = (lane: number) => lane * LANE_H + LANE_H / 2;
const markY = (m: TimelineMarkData) => laneY(m.lane);
/** How far from a dot a pointer still hovers or clicks it: a bit more than its radius. */
const DOT_REACH_PX = 6;

/** The selected event as the engine holds it now (read in effects and handlers, not during render). */
const selectedEvent = (): StoredEvent | undefined => {
  const s = liveEngine.snapshot('selected');
  return s.kind === 'found' ? s.event : undefined;
};

type Drag = { kind: 'pan'; startX: number; domain: Domain } | { kind: 'brush'; startX: number; x: number };

/** Draws the live engine's timeline snapshot (nothing while the history loads) and handles its input. */
export const Timeline = memo(function Timeline() {
  const vms = useVmNames();
  const { selectedSeq, select, setRange, paused, frozenNow, range } = useAppStore(
    useShallow((s) => ({
      selectedSeq: s.selectedSeq,
      select: s.select,
      setRange: s.setRange,
      paused: s.paused,
      frozenNow: s.frozenNow,
      range: s.range,
    })),
  );
  const boxRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const boxWidth = useElementWidth(boxRef);
  const { events, columns, related, window: win, now } = useLive('timeline');
  const live = range.kind === 'relative' && !paused;
  const [zoom, setZoomState] = useState<{ follow: boolean; domain: Domain } | null>(null);
  const setZoom = (d: Domain | null, follow = false) => setZoomState(d === null ? null : { follow, domain: d });
  const [drag, setDrag] = useState<Drag | null>(null);
  useEffect(() => setZoom(null), [range]);

  // Same lanes, same Map: the lane rows and relations below are memoized on it.
  const lanes = useKept(
    useMemo(() => laneMap(columns, vms), [columns, vms]),
    keepLanes,
  );
  const lanesRef = useRef(lanes);
  useLayoutEffect(() => {
    lanesRef.current = lanes;
  }, [lanes]);
  const scrolling = lanes.size > MAX_VISIBLE_LANES;
  const viewH = Math.min(lanes.size, MAX_VISIBLE_LANES) * LANE_H;
  const width = Math.max(100, boxWidth - GUTTER - (scrolling ? SCROLLBAR_W : 0));
  const laneScroll = useLaneScroll(viewH, LANE_H, lanes.size);
  const inView = laneWindow(laneScroll.scrollTop, viewH, LANE_H, lanes.size, OVERSCAN);

  const fitted = useMemo(() => fitDomain(events, win, now), [events, win, now]);
  const nextDomain = useMemo<Domain>(() => {
    if (zoom === null) return fitted;
    if (!zoom.follow || !live) return zoom.domain;
    const span = zoom.domain.to - zoom.domain.from;
    const pad = Math.max(500, span * 0.02);
    return { from: now + pad - span, to: now + pad };
  }, [zoom, fitted, live, now]);

  // An equal domain keeps its identity: a clock tick inside a fitted domain's step redraws nothing.
  const domain = useKept(nextDomain, sameDomain);

  const binCount = Math.max(10, Math.floor(width / 6));
  const grid = useMemo(() => scanGrid(columns, lanes, domain, width, binCount), [columns, lanes, domain, width, binCount]);
  const { shown, bins } = grid;
  // Each mark is a few SVG nodes created in one synchronous commit, so only the lanes in view are
  // drawn, and of their marks the most severe.
  const { marks: drawnMarks, markCount } = useMemo(
    () => marksInLanes(columns, grid, inView.first, inView.end, MAX_DRAWN_MARKS),
    [columns, grid, inView.first, inView.end],
  );
  const { dots, elements } = useMemo(() => {
    const split = { dots: [] as TimelineMarkData[], elements: [] as TimelineMarkData[] };
    for (const m of drawnMarks) (isDot(m, selectedSeq) ? split.dots : split.elements).push(m);
    return split;
  }, [drawnMarks, selectedSeq]);
  const [hoverSeq, setHoverSeq] = useState<number | null>(null);
  const hovered = hoverSeq === null ? undefined : dots.find((m) => m.event.seq === hoverSeq);
  const lanesInView = useMemo(
    () => (scrolling ? new Map([...lanes].filter(([, lane]) => lane >= inView.first && lane < inView.end)) : lanes),
    [lanes, scrolling, inView.first, inView.end],
  );
  const relatedText = useMemo(() => describeRelated(related), [related]);
  const [edgeNote, setEdgeNote] = useState('');
  const maxBin = Math.max(1, ...bins.map((b) => b.count));
  const height = HIST_H + viewH + AXIS_H + 4;

  // Wheel zoom needs a non-passive listener to keep the page from scrolling. It is attached
  // only while the pointer is over the timeline: a blocking wheel listener makes every drawn
  // mark a hit-test region the compositor recomputes on each frame, and a wheel needs the pointer there.
  const wheelState = useRef({ domain, width, live, scrollBy: laneScroll.scrollBy });
  useLayoutEffect(() => {
    wheelState.current = { domain, width, live, scrollBy: laneScroll.scrollBy };
  }, [domain, width, live, laneScroll.scrollBy]);
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const { domain: d, width: w, live: following, scrollBy } = wheelState.current;
      // Shift+wheel scrolls the lanes (Chrome turns it into a horizontal delta on some systems).
      if (e.shiftKey) return scrollBy(e.deltaY || e.deltaX);
      const x = e.clientX - svg.getBoundingClientRect().left - GUTTER;
      const next = zoomDomain(d, e.deltaY > 0 ? 1.25 : 0.8, following ? d.to : timeAt(x, d, w));
      setZoomState({ follow: following, domain: next });
    };
    const onEnter = () => svg.addEventListener('wheel', onWheel, { passive: false });
    const onLeave = () => svg.removeEventListener('wheel', onWheel);
    svg.addEventListener('pointerenter', onEnter);
    svg.addEventListener('pointerleave', onLeave);
    if (svg.matches(':hover')) onEnter();
    return () => {
      svg.removeEventListener('pointerenter', onEnter);
      svg.removeEventListener('pointerleave', onLeave);
      onLeave();
    };
  }, []);

  // The selected event's lane comes into view (selected in the list, its lane may be far down).
  // Only a new selection scrolls: lanes added later do not pull the view back to it.
  const showLane = useRef(laneScroll.showLane);
  useLayoutEffect(() => {
    showLane.current = laneScroll.showLane;
  }, [laneScroll.showLane]);
  useEffect(() => {
    const ev = selectedSeq === null ? undefined : selectedEvent();
    const lane = ev === undefined ? undefined : lanesRef.current.get(ev.vm);
    if (lane !== undefined) showLane.current(lane);
  }, [selectedSeq]);

  const zoomIn = () => setZoom(zoomDomain(domain, 0.5, live ? domain.to : undefined), live);
  const zoomOut = () => setZoom(zoomDomain(domain, 2, live ? domain.to : undefined), live);
  const pan = (fraction: number) => setZoom(panDomain(domain, fraction * (domain.to - domain.from)));
  // The keyboard's brush: the selected event (picked in the list with j/k/Enter, or clicked) sets one edge.
  const setEdge = (edge: 'start' | 'end') => {
    const ev = selectedSeq === null ? undefined : selectedEvent();
    if (ev === undefined) return setEdgeNote('Select an event first (in the list: arrow keys, then Enter).');
    const first = events[0];
    const next = rangeWithEdge(
      edge,
      eventTimeMs(ev),
      win,
      paused ? frozenNow : Date.now(),
      first === undefined ? eventTimeMs(ev) : eventTimeMs(first),
    );
    if (next === null)
      return setEdgeNote(`The range would ${edge === 'start' ? 'start after its end' : 'end before its start'}: set the other edge first.`);
    setEdgeNote(`Range ${edge} set at #${ev.seq} ${peerPlain(ev.event)}.`);
    setRange(next);
  };
  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const step = e.shiftKey ? 1 : 0.25;
    if (e.key === '+' || e.key === '=') zoomIn();
    else if (e.key === '-' || e.key === '_') zoomOut();
    else if (e.key === 'ArrowLeft') pan(-step);
    else if (e.key === 'ArrowRight') pan(step);
    else if (e.key === '0') setZoom(null);
    else if (e.key === '[') setEdge('start');
    else if (e.key === ']') setEdge('end');
    else if (e.key === 'PageDown' && scrolling) laneScroll.scrollBy(viewH - LANE_H);
    else if (e.key === 'PageUp' && scrolling) laneScroll.scrollBy(-(viewH - LANE_H));
    else return;
    e.preventDefault();
  };

  // Marks are placed from an origin that stays put while the domain slides, so a
  // slide moves one group, not every mark (each an SVG node React would update).
  const origin = useMemo(() => markOrigin(domain, width), [domain, width]);
  const dotX = useMemo(() => (m: TimelineMarkData) => origin.x(m.x), [origin]);
  const paths = useMemo(() => dotPaths(dots, dotX, markY), [dots, dotX]);
  const localX = (e: PointerEvent) => e.clientX - (svgRef.current?.getBoundingClientRect().left ?? 0) - GUTTER;
  // The dot under a pointer, in the marks' group coordinates (dots are not elements to hit).
  const dotAt = (e: PointerEvent) => {
    const top = svgRef.current?.getBoundingClientRect().top ?? 0;
    return nearestDot(dots, dotX, markY, localX(e) - origin.shiftPx, e.clientY - top - HIST_H + laneScroll.scrollTop, DOT_REACH_PX);
  };
  const onPointerDown = (e: PointerEvent<SVGSVGElement>) => {
    // A plain press on a mark is a click (select); shift starts a brush anywhere.
    if (e.button !== 0 || (!e.shiftKey && (e.target as Element).classList.contains('mark'))) return;
    // A press on a dot (touch has no hover to put its mark element there first) selects it.
    const dot = e.shiftKey || !(e.target as Element).classList.contains('dots') ? null : dotAt(e);
    if (dot !== null) return select(dot.event.seq);
    e.currentTarget.setPointerCapture(e.pointerId);
    const x = localX(e);
    setDrag(e.shiftKey ? { kind: 'brush', startX: x, x } : { kind: 'pan', startX: x, domain });
  };
  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    if (!drag) {
      // Hovering a dot draws its mark element there: its tooltip, and a click selects it.
      const over = e.target as Element;
      if (over.classList.contains('dots')) setHoverSeq(dotAt(e)?.event.seq ?? null);
      else if (!over.classList.contains('mark')) setHoverSeq(null);
      return;
    }
    const x = localX(e);
    if (drag.kind === 'brush') setDrag({ ...drag, x });
    else setZoom(panDomain(drag.domain, -((x - drag.startX) / width) * (drag.domain.to - drag.domain.from)));
  };
  const onPointerUp = () => {
    if (drag?.kind === 'brush' && Math.abs(drag.x - drag.startX) > 3) {
      const a = timeAt(Math.min(drag.x, drag.startX), domain, width);
      const b = timeAt(Math.max(drag.x, drag.startX), domain, width);
      setRange({ kind: 'absolute', from: Math.floor(a), to: Math.ceil(b) });
    }
    setDrag(null);
  };

  const nowX = xOf(now, domain, width);
  // Lanes placed by their coordinates, not by a transform each: every transformed group is a
  // paint chunk of its own, which the compositor's layerize step walks on every frame.
  const laneRows = useMemo(
    () =>
      [...lanesInView.entries()].map(([name, lane]) => {
        const y = laneY(lane);
        return (
          <g key={name}>
            <text className="lane-label peer" x={4} y={y + 4}>
              {name.length > 12 ? peerPlain(name, 11, 'ellipsis') : peerPlain(name, 12)}
            </text>
            <line className="lane-line" x1={GUTTER} x2={GUTTER + width} y1={y} y2={y} />
          </g>
        );
      }),
    [lanesInView, width],
  );
  const relatedProps = { related, lanes: lanesInView, domain, width, laneY, laneH: LANE_H, nowMs: now };
  return (
    <section aria-label="Timeline" className="panel timeline">
      <div className="tl-controls">
        <button type="button" onClick={zoomIn} aria-keyshortcuts="+">
          Zoom in
        </button>
        <button type="button" onClick={zoomOut} aria-keyshortcuts="-">
          Zoom out
        </button>
        <button type="button" onClick={() => pan(-0.25)} aria-label="Pan earlier" aria-keyshortcuts="ArrowLeft">
          ◀
        </button>
        <button type="button" onClick={() => pan(0.25)} aria-label="Pan later" aria-keyshortcuts="ArrowRight">
          ▶
        </button>
        <button type="button" onClick={() => setZoom(null)} disabled={zoom === null} aria-keyshortcuts="0">
          Reset zoom
        </button>
        <button type="button" onClick={() => setEdge('start')} disabled={selectedSeq === null} aria-keyshortcuts="[">
          Set range start at selected event
        </button>
        <button type="button" onClick={() => setEdge('end')} disabled={selectedSeq === null} aria-keyshortcuts="]">
          Set range end at selected event
        </button>
        <span className="muted">
          {live && (zoom === null || zoom.follow) ? 'Live' : 'Fixed'} · wheel or +/− to zoom, drag or arrows to pan, shift+drag or [ ] to
          choose a time range · <span className="tl-count">{shown} events shown</span>
          {drawnMarks.length < markCount &&
            ` (the ${MAX_DRAWN_MARKS.toLocaleString()} most severe of ${markCount.toLocaleString()} marks${scrolling ? ' in the lanes in view' : ''} drawn: zoom in or filter for the rest)`}
          {scrolling && ` · ${lanes.size} lanes: scroll at the right, shift+wheel or PageUp/PageDown`}
        </span>
        <span className="edge-note" aria-live="polite">
          {edgeNote}
        </span>
      </div>
      <div ref={boxRef} className="tl-box">
        <svg
          ref={svgRef}
          height={height}
          role="group"
          tabIndex={0}
          onKeyDown={onKeyDown}
          aria-label={`Timeline of ${shown} events in ${lanes.size} VMs${relatedText === '' ? '' : `. ${relatedText}`}`}
          aria-keyshortcuts={`+ - ArrowLeft ArrowRight 0 [ ]${scrolling ? ' PageUp PageDown' : ''}`}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={() => setDrag(null)}
          onPointerLeave={() => setHoverSeq(null)}
        >
          <g transform={`translate(${GUTTER},0)`}>
            {bins.map((b, i) => {
              const h = (b.count / maxBin) * (HIST_H - 4);
              return b.count > 0 ? (
                <rect
                  key={i}
                  className="bar"
                  x={xOf(b.from, domain, width)}
                  y={HIST_H - h}
                  width={Math.max(1, xOf(b.to, domain, width) - xOf(b.from, domain, width) - 1)}
                  height={h}
                >
                  <title>{b.count} events</title>
                </rect>
              ) : null;
            })}
          </g>
          <g transform={`translate(${GUTTER},0)`}>
            {live && nowX >= 0 && nowX <= width && <line className="now-line" x1={nowX} x2={nowX} y1={0} y2={height - AXIS_H} />}
          </g>
          {/* The lanes' viewport: with many VMs it shows MAX_VISIBLE_LANES of them, scrolled by the bar beside it. */}
          <svg y={HIST_H} height={viewH} overflow="hidden">
            <g transform={laneScroll.scrollTop === 0 ? undefined : `translate(0,${-laneScroll.scrollTop})`}>
              {laneRows}
              <g transform={`translate(${GUTTER},0)`}>
                <svg width={width} height={lanes.size * LANE_H} overflow="hidden">
                  <TimelineRelated {...relatedProps} layer="under" />
                  <g transform={`translate(${origin.shiftPx},0)`}>
                    {[...paths].map(([category, d]) => (
                      <path key={category} className="dots" d={d} stroke={`var(--cat-${category})`} />
                    ))}
                    {elements.map((m) => (
                      <TimelineMark
                        key={m.event.seq}
                        event={m.event}
                        facets={m.facets}
                        x={origin.x(m.x)}
                        count={m.count}
                        y={laneY(m.lane)}
                        selected={m.event.seq === selectedSeq}
                        onSelect={select}
                      />
                    ))}
                    {hovered && (
                      <TimelineMark
                        key={`hover-${hovered.event.seq}`}
                        event={hovered.event}
                        facets={hovered.facets}
                        x={origin.x(hovered.x)}
                        count={hovered.count}
                        y={laneY(hovered.lane)}
                        selected={false}
                        onSelect={select}
                      />
                    )}
                  </g>
                  <TimelineRelated {...relatedProps} layer="over" />
                </svg>
              </g>
            </g>
          </svg>
          <g transform={`translate(${GUTTER},0)`}>
            {drag?.kind === 'brush' && (
              <rect
                className="brush"
                x={Math.max(0, Math.min(drag.x, drag.startX))}
                y={0}
                width={Math.max(0, Math.min(width, Math.max(drag.x, drag.startX)) - Math.max(0, Math.min(drag.x, drag.startX)))}
                height={height - AXIS_H}
              />
            )}
            <TimelineAxis domain={domain} width={width} y={height - AXIS_H} />
          </g>
        </svg>
        {scrolling && (
          // Only a scrollbar (the wheel zooms the drawing): its position picks the lanes drawn.
          <div
            ref={laneScroll.ref}
            className="tl-scroll"
            tabIndex={-1}
            onScroll={laneScroll.onScroll}
            style={{ top: HIST_H, height: viewH, width: SCROLLBAR_W }}
          >
            <div style={{ height: lanes.size * LANE_H }} />
          </div>
        )}
      </div>
    </section>
  );
});
