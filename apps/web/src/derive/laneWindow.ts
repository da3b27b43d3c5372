/** Lanes [first, end) to draw. */
export interface LaneWindow {
  first: number;
  end: number;
}

/**
 * The lanes a scrolled view of `viewH` pixels shows at `scrollTop`, plus `overscan`
 * lanes each side so a short scroll shows drawn lanes before the next redraw lands.
 */
export function laneWindow(scrollTop: number, viewH: number, laneH: number, laneCount: number, overscan: number): LaneWindow {
  if (laneCount <= 0 || laneH <= 0) return { first: 0, end: 0 };
  const top = Math.max(0, scrollTop);
  const first = Math.max(0, Math.floor(top / laneH) - overscan);
  const end = Math.min(laneCount, Math.ceil((top + Math.max(0, viewH)) / laneH) + overscan);
  return { first: Math.min(first, end), end };
}

/**
 * The scroll position that shows `lane` whole: `scrollTop` itself when it already does,
 * else the lane centred (clamped to the content), so a selection far away lands mid-view.
 */
export function scrollToLane(lane: number, scrollTop: number, viewH: number, laneH: number, laneCount: number): number {
  const top = lane * laneH;
  if (top >= scrollTop && top + laneH <= scrollTop + viewH) return scrollTop;
  const max = Math.max(0, laneCount * laneH - viewH);
  return Math.min(max, Math.max(0, Math.round(top + laneH / 2 - viewH / 2)));
}
