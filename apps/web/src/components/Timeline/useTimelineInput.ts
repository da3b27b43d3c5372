import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type RefObject } from 'react';
import type { StoredEvent } from '@qmpscope/events';
import { useShallow } from 'zustand/react/shallow';
import { eventTimeMs } from '../../derive/eventTime';
import type { Window } from '../../derive/filterEvents';
import type { MarkOrigin } from '../../derive/markOrigin';
import { peerPlain } from '../../derive/peerText';
import { rangeWithEdge } from '../../derive/rangeEdge';
import { nearestDot } from '../../derive/timelineDots';
import { panDomain, timeAt, zoomDomain, type Domain, type TimelineMark } from '../../derive/timelineLayout';
import { liveEngine } from '../../live/appEngine';
import { useAppStore } from '../../store/store';
import { keyCommand } from './timelineKeys';
import { brushRange, DOT_REACH_PX, GUTTER, HIST_H, LANE_H, markY, type Brush, type TimelineFrame, type Zoom } from './timelineModel';
import type { useLaneScroll } from './useLaneScroll';

/** A press held on the drawing: panning it, or choosing a time range (shift). */
export type Drag = { kind: 'pan'; startX: number; domain: Domain } | ({ kind: 'brush' } & Brush);

interface Args {
  svgRef: RefObject<SVGSVGElement | null>;
  domain: Domain;
  frame: TimelineFrame;
  /** The window follows the clock: zooming keeps the live end in view. */
  live: boolean;
  setZoom: (zoom: Zoom) => void;
  laneScroll: ReturnType<typeof useLaneScroll>;
  lanes: ReadonlyMap<string, number>;
  dots: readonly TimelineMark[];
  origin: MarkOrigin;
  /** The window shown and the oldest event in it: the other edge of a range set at the selection. */
  window: Window;
  firstEvent: StoredEvent | undefined;
}

/** The selected event as the engine holds it now (read in effects and handlers, not during render). */
function selectedEvent(): StoredEvent | undefined {
  const s = liveEngine.snapshot('selected');
  return s.kind === 'found' ? s.event : undefined;
}

/**
 * The timeline's input: wheel and buttons zoom, drag and arrows pan, shift+drag (brush) and [ ]
 * choose a time range, hovering a dot shows its mark, and a new selection scrolls its lane into view.
 */
export function useTimelineInput(a: Args) {
  const { svgRef, domain, frame, live, setZoom, laneScroll, dots, origin } = a;
  const { width } = frame;
  const { selectedSeq, select, setRange } = useAppStore(
    useShallow((s) => ({ selectedSeq: s.selectedSeq, select: s.select, setRange: s.setRange })),
  );
  const [drag, setDrag] = useState<Drag | null>(null);
  const [hoverSeq, setHoverSeq] = useState<number | null>(null);
  const [edgeNote, setEdgeNote] = useState('');

  // Wheel zoom needs a non-passive listener to keep the page from scrolling. It is attached
  // only while the pointer is over the timeline: a blocking wheel listener makes every drawn
  // mark a hit-test region the compositor recomputes on each frame, and a wheel needs the pointer there.
  const wheelState = useRef({ domain, width, live, scrollBy: laneScroll.scrollBy, setZoom });
  useLayoutEffect(() => {
    wheelState.current = { domain, width, live, scrollBy: laneScroll.scrollBy, setZoom };
  }, [domain, width, live, laneScroll.scrollBy, setZoom]);
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const s = wheelState.current;
      // Shift+wheel scrolls the lanes (Chrome turns it into a horizontal delta on some systems).
      if (e.shiftKey) return s.scrollBy(e.deltaY || e.deltaX);
      const x = e.clientX - svg.getBoundingClientRect().left - GUTTER;
      const next = zoomDomain(s.domain, e.deltaY > 0 ? 1.25 : 0.8, s.live ? s.domain.to : timeAt(x, s.domain, s.width));
      s.setZoom({ follow: s.live, domain: next });
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
  }, [svgRef]);

  // The selected event's lane comes into view (selected in the list, its lane may be far down).
  // Only a new selection scrolls: lanes added later do not pull the view back to it.
  const follow = useRef({ lanes: a.lanes, showLane: laneScroll.showLane });
  useLayoutEffect(() => {
    follow.current = { lanes: a.lanes, showLane: laneScroll.showLane };
  }, [a.lanes, laneScroll.showLane]);
  useEffect(() => {
    const ev = selectedSeq === null ? undefined : selectedEvent();
    const lane = ev === undefined ? undefined : follow.current.lanes.get(ev.vm);
    if (lane !== undefined) follow.current.showLane(lane);
  }, [selectedSeq]);

  const zoomBy = (factor: number) => setZoom({ follow: live, domain: zoomDomain(domain, factor, live ? domain.to : undefined) });
  const zoomIn = () => zoomBy(0.5);
  const zoomOut = () => zoomBy(2);
  const pan = (fraction: number) => setZoom({ follow: false, domain: panDomain(domain, fraction * (domain.to - domain.from)) });
  const resetZoom = () => setZoom(null);
  // The keyboard's brush: the selected event (picked in the list with j/k/Enter, or clicked) sets one edge.
  const setEdge = (edge: 'start' | 'end') => {
    const ev = selectedSeq === null ? undefined : selectedEvent();
    if (ev === undefined) return setEdgeNote('Select an event first (in the list: arrow keys, then Enter).');
    const { paused, frozenNow } = useAppStore.getState();
    const t = eventTimeMs(ev);
    const next = rangeWithEdge(
      edge,
      t,
      a.window,
      paused ? frozenNow : Date.now(),
      a.firstEvent === undefined ? t : eventTimeMs(a.firstEvent),
    );
    if (next === null)
      return setEdgeNote(`The range would ${edge === 'start' ? 'start after its end' : 'end before its start'}: set the other edge first.`);
    setEdgeNote(`Range ${edge} set at #${ev.seq} ${peerPlain(ev.event)}.`);
    setRange(next);
  };

  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>) => {
    const command = keyCommand(e, frame.scrolling);
    if (command === null) return;
    e.preventDefault();
    if (command.kind === 'zoom') zoomBy(command.factor);
    else if (command.kind === 'pan') pan(command.fraction);
    else if (command.kind === 'resetZoom') resetZoom();
    else if (command.kind === 'edge') setEdge(command.edge);
    else laneScroll.scrollBy(command.pages * (frame.viewH - LANE_H));
  };

  const localX = (e: PointerEvent) => e.clientX - (svgRef.current?.getBoundingClientRect().left ?? 0) - GUTTER;
  // The dot under a pointer, in the marks' group coordinates (dots are not elements to hit).
  const dotAt = (e: PointerEvent) => {
    const top = svgRef.current?.getBoundingClientRect().top ?? 0;
    const dotX = (m: TimelineMark) => origin.x(m.x);
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
    else setZoom({ follow: false, domain: panDomain(drag.domain, -((x - drag.startX) / width) * (drag.domain.to - drag.domain.from)) });
  };
  const onPointerUp = () => {
    const range = drag?.kind === 'brush' ? brushRange(drag, domain, width) : null;
    if (range !== null) setRange(range);
    setDrag(null);
  };

  return {
    drag,
    hoverSeq,
    edgeNote,
    zoomIn,
    zoomOut,
    pan,
    resetZoom,
    setEdge,
    onKeyDown,
    pointer: {
      onPointerDown,
      onPointerMove,
      onPointerUp,
      onPointerCancel: () => setDrag(null),
      onPointerLeave: () => setHoverSeq(null),
    },
  };
}
