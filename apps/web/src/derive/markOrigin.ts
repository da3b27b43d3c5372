import type { Domain } from './timelineLayout';

/** Pixels between origins: far below float32's trouble (SVG coordinates), far above a slide. */
const ORIGIN_STEP_PX = 4096;

export interface MarkOrigin {
  /** Where the origin is in the domain's pixels: the marks' group is translated by it. */
  shiftPx: number;
  /** A mark's x in the group, from its x in the domain; rounded so a slide gives the very same number. */
  x(domainX: number): number;
}

/**
 * An origin for the marks that stays put while the domain slides (live, or
 * panned), aligned to multiples of ORIGIN_STEP_PX pixels of time. A mark's
 * position relative to it then does not change, so its memoized element does
 * not re-render; only the group's transform moves.
 */
export function markOrigin(d: Domain, width: number): MarkOrigin {
  const span = d.to - d.from;
  if (!(span > 0) || !(width > 0)) return { shiftPx: 0, x: (x) => x };
  const stepMs = (span / width) * ORIGIN_STEP_PX;
  const originMs = Math.floor(d.from / stepMs) * stepMs;
  const shiftPx = ((originMs - d.from) / span) * width;
  return { shiftPx, x: (x) => Math.round((x - shiftPx) * 100) / 100 };
}
