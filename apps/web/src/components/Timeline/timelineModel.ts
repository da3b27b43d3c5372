import type { Bin } from '../../derive/histogram';
import { peerPlain } from '../../derive/peerText';
import type { TimeRange } from '../../derive/timeRange';
import { isDot } from '../../derive/timelineDots';
import { timeAt, xOf, type Domain, type TimelineMark } from '../../derive/timelineLayout';

/** Width of the lane names left of the drawing. */
export const GUTTER = 90;
export const HIST_H = 36;
export const LANE_H = 28;
export const AXIS_H = 20;
/** Marks drawn at most (in the lanes drawn): see timelineScan. */
export const MAX_DRAWN_MARKS = 4000;
/** Lanes in view at most; more scroll, so a redraw costs the lanes in view, not the fleet. */
export const MAX_VISIBLE_LANES = 16;
/** Lanes drawn beyond each edge of the view, so a short scroll shows drawn lanes at once. */
export const OVERSCAN = 3;
export const SCROLLBAR_W = 16;
/** How far from a dot a pointer still hovers or clicks it: a bit more than its radius. */
export const DOT_REACH_PX = 6;
/** A shift+drag shorter than this is a click, not a brush. */
const BRUSH_MIN_PX = 3;

/** The timeline's box: how many lanes show, how wide the drawing is, how tall the whole. */
export interface TimelineFrame {
  /** More lanes than fit: a scrollbar picks the lanes in view. */
  scrolling: boolean;
  /** Height of the lanes' viewport. */
  viewH: number;
  /** Width of the drawing (the box less the gutter and the scrollbar). */
  width: number;
  height: number;
}

export function timelineFrame(laneCount: number, boxWidth: number): TimelineFrame {
  const scrolling = laneCount > MAX_VISIBLE_LANES;
  const viewH = Math.min(laneCount, MAX_VISIBLE_LANES) * LANE_H;
  const width = Math.max(100, boxWidth - GUTTER - (scrolling ? SCROLLBAR_W : 0));
  return { scrolling, viewH, width, height: HIST_H + viewH + AXIS_H + 4 };
}

/** Histogram bars for at most this many pixels each: one bar per 6 px. */
export const binCount = (width: number): number => Math.max(10, Math.floor(width / 6));

/** Lane centre in the lanes' own (scrolled) coordinates. */
export const laneY = (lane: number): number => lane * LANE_H + LANE_H / 2;
export const markY = (m: TimelineMark): number => laneY(m.lane);

/** The user's zoom: null fits the data; `follow` keeps a live domain's end at the clock. */
export type Zoom = { follow: boolean; domain: Domain } | null;

/** The domain drawn: the fitted one, the user's zoom, or the zoom's span sliding with the clock. */
export function shownDomain(zoom: Zoom, fitted: Domain, live: boolean, now: number): Domain {
  if (zoom === null) return fitted;
  if (!zoom.follow || !live) return zoom.domain;
  const span = zoom.domain.to - zoom.domain.from;
  const pad = Math.max(500, span * 0.02);
  return { from: now + pad - span, to: now + pad };
}

/** `kept` when `next` is the same span: what is memoized on the domain is not recomputed. */
export const sameDomain = (kept: Domain, next: Domain): Domain => (kept.from === next.from && kept.to === next.to ? kept : next);

export interface Bar {
  /** The bin's index: a bar keeps its element while the domain slides. */
  bin: number;
  x: number;
  y: number;
  width: number;
  height: number;
  count: number;
}

/** The histogram's bars (empty bins are not drawn), the fullest as tall as the histogram. */
export function histogramBars(bins: readonly Bin[], domain: Domain, width: number): Bar[] {
  const max = Math.max(1, ...bins.map((b) => b.count));
  const bars: Bar[] = [];
  for (const [bin, b] of bins.entries()) {
    if (b.count === 0) continue;
    const height = (b.count / max) * (HIST_H - 4);
    const x = xOf(b.from, domain, width);
    bars.push({ bin, x, y: HIST_H - height, width: Math.max(1, xOf(b.to, domain, width) - x - 1), height, count: b.count });
  }
  return bars;
}

/** Marks drawn as dots (one path per category) and as elements (with tooltips, the selected one). */
export function splitMarks(marks: readonly TimelineMark[], selectedSeq: number | null): { dots: TimelineMark[]; elements: TimelineMark[] } {
  const split = { dots: [] as TimelineMark[], elements: [] as TimelineMark[] };
  for (const m of marks) (isDot(m, selectedSeq) ? split.dots : split.elements).push(m);
  return split;
}

/** The lanes [first, end) when the lanes scroll; all of them (the same Map) when they do not. */
export function lanesInView(
  lanes: ReadonlyMap<string, number>,
  scrolling: boolean,
  first: number,
  end: number,
): ReadonlyMap<string, number> {
  return scrolling ? new Map([...lanes].filter(([, lane]) => lane >= first && lane < end)) : lanes;
}

/** A shift+drag over the drawing, in drawing pixels. */
export interface Brush {
  startX: number;
  x: number;
}

/** The brush's rectangle, clipped to the drawing. */
export function brushBox(brush: Brush, width: number): { x: number; width: number } {
  const lo = Math.max(0, Math.min(brush.x, brush.startX));
  const hi = Math.min(width, Math.max(brush.x, brush.startX));
  return { x: lo, width: Math.max(0, hi - lo) };
}

/** The time range a brush chose (whole ms, the brushed events inside), or null for a click. */
export function brushRange(brush: Brush, domain: Domain, width: number): TimeRange | null {
  if (Math.abs(brush.x - brush.startX) <= BRUSH_MIN_PX) return null;
  const a = timeAt(Math.min(brush.x, brush.startX), domain, width);
  const b = timeAt(Math.max(brush.x, brush.startX), domain, width);
  return { kind: 'absolute', from: Math.floor(a), to: Math.ceil(b) };
}

/** Why fewer marks are drawn than there are, or '' when all are. */
export function drawnNote(drawn: number, markCount: number, scrolling: boolean): string {
  if (drawn >= markCount) return '';
  const where = scrolling ? ' in the lanes in view' : '';
  return ` (the ${MAX_DRAWN_MARKS.toLocaleString()} most severe of ${markCount.toLocaleString()} marks${where} drawn: zoom in or filter for the rest)`;
}

/** The drawing's accessible name: what it shows, and how events relate. */
export function timelineLabel(shown: number, laneCount: number, relatedText: string): string {
  return `Timeline of ${shown} events in ${laneCount} VMs${relatedText === '' ? '' : `. ${relatedText}`}`;
}

/** A lane's name as drawn in the gutter: long names end in an ellipsis. */
export const laneLabel = (name: string): string => (name.length > 12 ? peerPlain(name, 11, 'ellipsis') : peerPlain(name, 12));
