const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const STEPS = [
  S,
  2 * S,
  5 * S,
  10 * S,
  15 * S,
  30 * S,
  M,
  2 * M,
  5 * M,
  10 * M,
  15 * M,
  30 * M,
  H,
  2 * H,
  3 * H,
  6 * H,
  12 * H,
  D,
  2 * D,
  7 * D,
];

/**
 * At most `maxCount` round times (whole seconds, minutes, hours of the local
 * clock) inside [from, to], for a time axis. Given explicitly because recharts,
 * left to itself on a numeric axis of a line chart, made a candidate tick of
 * every distinct x and measured their labels: ~1,300 ticks per redraw.
 */
export function timeTicks(from: number, to: number, maxCount: number, tzOffsetMs = -new Date(from).getTimezoneOffset() * M): number[] {
  if (!Number.isFinite(from) || !Number.isFinite(to) || to < from || maxCount < 1) return [];
  if (to === from) return [from];
  const span = to - from;
  const at = STEPS.findIndex((s) => span / s <= maxCount);
  const step = at < 0 ? Math.ceil(span / maxCount / D) * D : (STEPS[at] as number);
  const out = ticksEvery(from, to, step, tzOffsetMs);
  // A round step can leave a single tick in range: the next finer step gives an axis two, if room allows.
  const finer = at > 0 ? (STEPS[at - 1] as number) : undefined;
  if (out.length < 2 && maxCount >= 2 && finer !== undefined) {
    const more = ticksEvery(from, to, finer, tzOffsetMs);
    if (more.length <= maxCount) return more;
  }
  return out;
}

function ticksEvery(from: number, to: number, step: number, tzOffsetMs: number): number[] {
  const out: number[] = [];
  // Round in local time so an hour tick reads "14:00", not "14:30" in a half-hour time zone.
  for (let t = Math.ceil((from + tzOffsetMs) / step) * step - tzOffsetMs; t <= to; t += step) out.push(t);
  return out;
}
