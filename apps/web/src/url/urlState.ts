import { formatSpan, parseSpan, ALL_TIME, type TimeRange } from '../derive/timeRange';
import type { Filters } from '../derive/filterEvents';
import { CHART_TABS, type ChartTab } from '../store/viewSlice';

/** Everything of the view a link carries. */
export interface UrlView {
  filters: Filters;
  range: TimeRange;
  sel: number | null;
  tab: ChartTab;
  paused: boolean;
}

export const DEFAULT_URL_VIEW: UrlView = {
  filters: { vms: [], names: [], categories: [], severities: [], text: '' },
  range: ALL_TIME,
  sel: null,
  tab: 'all',
  paused: false,
};

const list = (v: string | null): string[] =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0)
    : [];

/** ISO 8601 or epoch ms; NaN when neither. */
function parseInstant(v: string | null): number {
  if (v === null || v === '') return NaN;
  if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return Date.parse(v);
}

/** Reads a query string; anything malformed falls back to the default for that parameter. */
export function parseUrlView(search: string): UrlView {
  const p = new URLSearchParams(search);
  const from = parseInstant(p.get('from'));
  const to = parseInstant(p.get('to'));
  let range: TimeRange = ALL_TIME;
  if (Number.isFinite(from) && Number.isFinite(to) && from <= to) {
    range = { kind: 'absolute', from, to };
  } else {
    const span = parseSpan(p.get('range') ?? '');
    if (span !== undefined) range = { kind: 'relative', spanMs: span };
  }
  const selText = p.get('sel');
  const sel = selText !== null && /^\d+$/.test(selText) ? Number(selText) : null;
  const tabText = p.get('tab');
  const tab = CHART_TABS.find((t) => t === tabText) ?? 'all';
  return {
    filters: {
      vms: list(p.get('vm')),
      names: list(p.get('ev')),
      categories: list(p.get('cat')),
      severities: list(p.get('sev')),
      text: p.get('q') ?? '',
    },
    range,
    sel,
    tab,
    paused: p.get('paused') === '1',
  };
}

/** Writes only what differs from the default, so a plain page has a plain URL. Returns "" or "?...". */
export function serializeUrlView(v: UrlView): string {
  const p = new URLSearchParams();
  if (v.filters.vms.length) p.set('vm', v.filters.vms.join(','));
  if (v.filters.names.length) p.set('ev', v.filters.names.join(','));
  if (v.filters.categories.length) p.set('cat', v.filters.categories.join(','));
  if (v.filters.severities.length) p.set('sev', v.filters.severities.join(','));
  if (v.filters.text) p.set('q', v.filters.text);
  if (v.range.kind === 'absolute') {
    p.set('from', new Date(v.range.from).toISOString());
    p.set('to', new Date(v.range.to).toISOString());
  } else if (v.range.spanMs !== null) {
    p.set('range', formatSpan(v.range.spanMs));
  }
  if (v.sel !== null) p.set('sel', String(v.sel));
  if (v.tab !== 'all') p.set('tab', v.tab);
  if (v.paused) p.set('paused', '1');
  const s = p.toString().replaceAll('%2C', ',');
  return s ? `?${s}` : '';
}

/**
 * Selecting an event, changing filters or the time window are steps a user may
 * want to walk back with the back button (pushState); typing in the search box
 * and pausing are not (replaceState), or history would fill with keystrokes.
 */
export function isDeliberateChange(a: UrlView, b: UrlView): boolean {
  const fa = a.filters;
  const fb = b.filters;
  return (
    a.sel !== b.sel ||
    a.tab !== b.tab ||
    fa.vms.join() !== fb.vms.join() ||
    fa.names.join() !== fb.names.join() ||
    fa.categories.join() !== fb.categories.join() ||
    fa.severities.join() !== fb.severities.join() ||
    JSON.stringify(a.range) !== JSON.stringify(b.range)
  );
}

/**
 * A link that means the same thing tomorrow: a live window becomes the absolute
 * window it shows right now. An all-time window starts at the oldest event held.
 */
export function shareableView(v: UrlView, nowMs: number, oldestMs: number | undefined): UrlView {
  if (v.range.kind === 'absolute') return { ...v, paused: false };
  const from = v.range.spanMs === null ? (oldestMs ?? nowMs) : nowMs - v.range.spanMs;
  return { ...v, range: { kind: 'absolute', from: Math.floor(Math.min(from, nowMs)), to: Math.ceil(nowMs) }, paused: false };
}
