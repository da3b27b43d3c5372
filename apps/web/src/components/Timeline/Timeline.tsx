import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { describeRelated } from '../../derive/relatedEvents';
import { keepLanes, laneMap, marksInLanes, scanGrid } from '../../derive/timelineScan';
import { laneWindow } from '../../derive/laneWindow';
import { markOrigin } from '../../derive/markOrigin';
import { dotPaths } from '../../derive/timelineDots';
import { fitDomain, xOf, type TimelineMark as TimelineMarkData } from '../../derive/timelineLayout';
import { useElementWidth } from '../../hooks/useElementWidth';
import { useKept } from '../../hooks/useKept';
import { useVmNames } from '../../hooks/useVmNames';
import { useLive } from '../../live/useLive';
import { useAppStore } from '../../store/store';
import { keyShortcuts } from './timelineKeys';
import {
  AXIS_H,
  binCount,
  brushBox,
  drawnNote,
  GUTTER,
  HIST_H,
  histogramBars,
  LANE_H,
  laneLabel,
  lanesInView as pickLanesInView,
  laneY,
  MAX_DRAWN_MARKS,
  markY,
  OVERSCAN,
  SCROLLBAR_W,
  sameDomain,
  shownDomain,
  splitMarks,
  timelineFrame,
  timelineLabel,
  type Zoom,
} from './timelineModel';
import { TimelineAxis } from './TimelineAxis';
import { TimelineMark } from './TimelineMark';
import { TimelineRelated } from './TimelineRelated';
import { useLaneScroll } from './useLaneScroll';
import { useTimelineInput } from './useTimelineInput';

/**
 * Draws the live engine's timeline snapshot (nothing while the history arrives): its geometry
 * comes from timelineModel, its input from useTimelineInput.
 */
export const Timeline = memo(function Timeline() {
  const vms = useVmNames();
  const { selectedSeq, select, paused, range } = useAppStore(
    useShallow((s) => ({ selectedSeq: s.selectedSeq, select: s.select, paused: s.paused, range: s.range })),
  );
  const boxRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const boxWidth = useElementWidth(boxRef);
  const { events, columns, related, window: win, now } = useLive('timeline');
  const live = range.kind === 'relative' && !paused;
  const [zoom, setZoomState] = useState<Zoom>(null);
  const setZoom = useCallback((z: Zoom) => setZoomState(z), []);
  useEffect(() => setZoomState(null), [range]);

  // Same lanes, same Map: the lane rows and relations below are memoized on it.
  const lanes = useKept(
    useMemo(() => laneMap(columns, vms), [columns, vms]),
    keepLanes,
  );
  const frame = timelineFrame(lanes.size, boxWidth);
  const { scrolling, viewH, width, height } = frame;
  const laneScroll = useLaneScroll(viewH, LANE_H, lanes.size);
  const inView = laneWindow(laneScroll.scrollTop, viewH, LANE_H, lanes.size, OVERSCAN);

  const fitted = useMemo(() => fitDomain(events, win, now), [events, win, now]);
  // An equal domain keeps its identity: a clock tick inside a fitted domain's step redraws nothing.
  const domain = useKept(
    useMemo(() => shownDomain(zoom, fitted, live, now), [zoom, fitted, live, now]),
    sameDomain,
  );

  const grid = useMemo(() => scanGrid(columns, lanes, domain, width, binCount(width)), [columns, lanes, domain, width]);
  // Each mark is a few SVG nodes created in one synchronous commit, so only the lanes in view are
  // drawn, and of their marks the most severe.
  const { marks: drawnMarks, markCount } = useMemo(
    () => marksInLanes(columns, grid, inView.first, inView.end, MAX_DRAWN_MARKS),
    [columns, grid, inView.first, inView.end],
  );
  const { dots, elements } = useMemo(() => splitMarks(drawnMarks, selectedSeq), [drawnMarks, selectedSeq]);
  const bars = useMemo(() => histogramBars(grid.bins, domain, width), [grid.bins, domain, width]);
  const lanesInView = useMemo(
    () => pickLanesInView(lanes, scrolling, inView.first, inView.end),
    [lanes, scrolling, inView.first, inView.end],
  );
  const relatedText = useMemo(() => describeRelated(related), [related]);
  // Marks are placed from an origin that stays put while the domain slides, so a
  // slide moves one group, not every mark (each an SVG node React would update).
  const origin = useMemo(() => markOrigin(domain, width), [domain, width]);
  const paths = useMemo(() => dotPaths(dots, (m: TimelineMarkData) => origin.x(m.x), markY), [dots, origin]);

  const input = useTimelineInput({
    svgRef,
    domain,
    frame,
    live,
    setZoom,
    laneScroll,
    lanes,
    dots,
    origin,
    window: win,
    firstEvent: events[0],
  });
  const { drag } = input;
  const hovered = input.hoverSeq === null ? undefined : dots.find((m) => m.event.seq === input.hoverSeq);

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
              {laneLabel(name)}
            </text>
            <line className="lane-line" x1={GUTTER} x2={GUTTER + width} y1={y} y2={y} />
          </g>
        );
      }),
    [lanesInView, width],
  );
  const relatedProps = { related, lanes: lanesInView, domain, width, laneY, laneH: LANE_H, nowMs: now };
  const brush = drag?.kind === 'brush' ? brushBox(drag, width) : null;
  return (
    <section aria-label="Timeline" className="panel timeline">
      <div className="tl-controls">
        <button type="button" onClick={input.zoomIn} aria-keyshortcuts="+">
          Zoom in
        </button>
        <button type="button" onClick={input.zoomOut} aria-keyshortcuts="-">
          Zoom out
        </button>
        <button type="button" onClick={() => input.pan(-0.25)} aria-label="Pan earlier" aria-keyshortcuts="ArrowLeft">
          ◀
        </button>
        <button type="button" onClick={() => input.pan(0.25)} aria-label="Pan later" aria-keyshortcuts="ArrowRight">
          ▶
        </button>
        <button type="button" onClick={input.resetZoom} disabled={zoom === null} aria-keyshortcuts="0">
          Reset zoom
        </button>
        <button type="button" onClick={() => input.setEdge('start')} disabled={selectedSeq === null} aria-keyshortcuts="[">
          Set range start at selected event
        </button>
        <button type="button" onClick={() => input.setEdge('end')} disabled={selectedSeq === null} aria-keyshortcuts="]">
          Set range end at selected event
        </button>
        <span className="muted">
          {live && (zoom === null || zoom.follow) ? 'Live' : 'Fixed'} · wheel or +/− to zoom, drag or arrows to pan, shift+drag or [ ] to
          choose a time range · <span className="tl-count">{grid.shown} events shown</span>
          {drawnNote(drawnMarks.length, markCount, scrolling)}
          {scrolling && ` · ${lanes.size} lanes: scroll at the right, shift+wheel or PageUp/PageDown`}
        </span>
        <span className="edge-note" aria-live="polite">
          {input.edgeNote}
        </span>
      </div>
      <div ref={boxRef} className="tl-box">
        <svg
          ref={svgRef}
          height={height}
          role="group"
          tabIndex={0}
          onKeyDown={input.onKeyDown}
          aria-label={timelineLabel(grid.shown, lanes.size, relatedText)}
          aria-keyshortcuts={keyShortcuts(scrolling)}
          {...input.pointer}
        >
          <g transform={`translate(${GUTTER},0)`}>
            {bars.map((b) => (
              <rect key={b.bin} className="bar" x={b.x} y={b.y} width={b.width} height={b.height}>
                <title>{b.count} events</title>
              </rect>
            ))}
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
            {brush && <rect className="brush" x={brush.x} y={0} width={brush.width} height={height - AXIS_H} />}
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
