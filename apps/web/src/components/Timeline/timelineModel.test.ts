import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '@qmpscope/events';
import { classOf } from '../../derive/eventFacets';
import type { TimelineMark } from '../../derive/timelineLayout';
import {
  AXIS_H,
  brushBox,
  brushRange,
  drawnNote,
  GUTTER,
  HIST_H,
  histogramBars,
  LANE_H,
  lanesInView,
  MAX_VISIBLE_LANES,
  SCROLLBAR_W,
  shownDomain,
  splitMarks,
  timelineFrame,
  timelineLabel,
} from './timelineModel';

const mark = (seq: number, event: string, lane = 0): TimelineMark => {
  const e: StoredEvent = { seq, vm: 'a', event, timestamp: { seconds: seq, microseconds: 0 }, receivedAt: 0 };
  return { event: e, facets: classOf(e), lane, x: seq, count: 1 };
};

describe('timelineModel', () => {
  it('frames the lanes: up to MAX_VISIBLE_LANES in view, then a scrollbar takes width', () => {
    const few = timelineFrame(3, 1000);
    expect(few).toEqual({ scrolling: false, viewH: 3 * LANE_H, width: 1000 - GUTTER, height: HIST_H + 3 * LANE_H + AXIS_H + 4 });
    const many = timelineFrame(100, 1000);
    expect(many.scrolling).toBe(true);
    expect(many.viewH).toBe(MAX_VISIBLE_LANES * LANE_H);
    expect(many.width).toBe(1000 - GUTTER - SCROLLBAR_W);
    expect(timelineFrame(1, 50).width).toBe(100);
  });

  it('shows the fitted domain, the zoom, or the zoom sliding with the clock while live', () => {
    const fitted = { from: 0, to: 100 };
    const zoomed = { from: 10_000, to: 20_000 };
    expect(shownDomain(null, fitted, true, 50_000)).toBe(fitted);
    expect(shownDomain({ follow: false, domain: zoomed }, fitted, true, 50_000)).toBe(zoomed);
    expect(shownDomain({ follow: true, domain: zoomed }, fitted, false, 50_000)).toBe(zoomed);
    const following = shownDomain({ follow: true, domain: zoomed }, fitted, true, 50_000);
    expect(following.to - following.from).toBe(10_000);
    expect(following.to).toBeGreaterThan(50_000);
    expect(following.from).toBeLessThan(50_000);
  });

  it('draws a bar per non-empty bin, the fullest as tall as the histogram', () => {
    const bins = [
      { from: 0, to: 10, count: 2 },
      { from: 10, to: 20, count: 0 },
      { from: 20, to: 30, count: 4 },
    ];
    const bars = histogramBars(bins, { from: 0, to: 30 }, 300);
    expect(bars.map((b) => b.bin)).toEqual([0, 2]);
    expect(bars[1]).toMatchObject({ x: 200, height: HIST_H - 4, y: 4, count: 4 });
    expect(bars[0]?.height).toBe((HIST_H - 4) / 2);
    expect(bars[0]?.width).toBe(99);
  });

  it('draws info marks as dots, the rest and the selected one as elements', () => {
    const info = mark(1, 'RTC_CHANGE');
    const warning = mark(2, 'GUEST_PANICKED');
    const selected = mark(3, 'RTC_CHANGE');
    const { dots, elements } = splitMarks([info, warning, selected], 3);
    expect(dots).toEqual([info]);
    expect(elements).toEqual([warning, selected]);
  });

  it('keeps the lanes in view while they scroll, all lanes (the same Map) when they do not', () => {
    const lanes = new Map([
      ['a', 0],
      ['b', 1],
      ['c', 2],
    ]);
    expect(lanesInView(lanes, false, 1, 2)).toBe(lanes);
    expect([...lanesInView(lanes, true, 1, 2).keys()]).toEqual(['b']);
  });

  it('turns a brush into a range of whole ms, a short drag into nothing', () => {
    const domain = { from: 1000, to: 2000 };
    expect(brushRange({ startX: 50, x: 52 }, domain, 100)).toBeNull();
    expect(brushRange({ startX: 80, x: 20.5 }, domain, 100)).toEqual({ kind: 'absolute', from: 1205, to: 1800 });
    expect(brushBox({ startX: 80, x: -20 }, 100)).toEqual({ x: 0, width: 80 });
    expect(brushBox({ startX: 90, x: 150 }, 100)).toEqual({ x: 90, width: 10 });
  });

  it('says when marks are left undrawn, and names the drawing for assistive tech', () => {
    expect(drawnNote(10, 10, false)).toBe('');
    expect(drawnNote(4000, 5000, true)).toContain('in the lanes in view');
    expect(timelineLabel(5, 2, '')).toBe('Timeline of 5 events in 2 VMs');
    expect(timelineLabel(5, 2, 'STOP then RESUME')).toBe('Timeline of 5 events in 2 VMs. STOP then RESUME');
  });
});
