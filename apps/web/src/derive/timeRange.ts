/**
 * The time window the whole page shows. `relative` follows now (live); a null
 * span means "everything stored". `absolute` is what shared links carry, so a
 * link opened next week shows the same events.
 */
export type TimeRange = { kind: 'relative'; spanMs: number | null } | { kind: 'absolute'; from: number; to: number };

export const ALL_TIME: TimeRange = { kind: 'relative', spanMs: null };

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "15m" -> 900000; "all" -> null; anything else -> undefined (not a span). */
export function parseSpan(text: string): number | null | undefined {
  if (text === 'all') return null;
  const m = /^(\d{1,6})([smhd])$/.exec(text);
  if (!m) return undefined;
  const ms = Number(m[1]) * (UNIT_MS[m[2] as string] ?? 0);
  return ms > 0 ? ms : undefined;
}

/** Inverse of parseSpan, choosing the largest unit that divides the span. */
export function formatSpan(spanMs: number | null): string {
  if (spanMs === null) return 'all';
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    const size = UNIT_MS[unit] as number;
    if (spanMs % size === 0) return `${spanMs / size}${unit}`;
  }
  return `${Math.max(1, Math.round(spanMs / 1000))}s`;
}

/** The window as numbers; an open start is -Infinity. */
export function resolveRange(range: TimeRange, nowMs: number): { from: number; to: number } {
  if (range.kind === 'absolute') return { from: range.from, to: range.to };
  return { from: range.spanMs === null ? -Infinity : nowMs - range.spanMs, to: Infinity };
}

export function isLive(range: TimeRange): boolean {
  return range.kind === 'relative';
}
