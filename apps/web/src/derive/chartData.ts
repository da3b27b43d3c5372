import type { JsonValue, StoredEvent } from '@qmpscope/events';
import type { ChartPoint, SeriesByVm, StatusMark } from './chartSeries';
import { eventTimeMs } from './eventTime';
import { peerPlain } from './peerText';

/** Everything the three charts draw, derived in one pass over the visible events. */
export interface ChartData {
  /** BALLOON_CHANGE `actual`, bytes. */
  balloon: SeriesByVm;
  /** RTC_CHANGE `offset`, seconds. */
  rtc: SeriesByVm;
  /** MIGRATION_PASS `pass`. */
  passes: SeriesByVm;
  /** MIGRATION status changes, time ordered. */
  marks: StatusMark[];
}

type SeriesKey = 'balloon' | 'rtc' | 'passes';
const FIELDS: Record<string, readonly [SeriesKey, string]> = {
  BALLOON_CHANGE: ['balloon', 'actual'],
  RTC_CHANGE: ['rtc', 'offset'],
  MIGRATION_PASS: ['passes', 'pass'],
};

/** Exact big integers arrive as digit strings; a chart only needs a double. */
function numberField(data: StoredEvent['data'], key: string): number | undefined {
  const v: JsonValue | undefined = data?.[key];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  return undefined;
}

/** Inserts keeping time order; seq order is nearly time order, so this is almost always a push. */
function insertByX<T extends { x: number }>(list: T[], item: T): void {
  let i = list.length;
  while (i > 0 && (list[i - 1] as T).x > item.x) i--;
  list.splice(i, 0, item);
}

/**
 * Keeps ChartData current as the visible list grows. The list is in seq order
 * and live updates only append, so each update looks at the new events only;
 * a changed list (other filters, a moved window) is rebuilt from scratch.
 * A changed kind of series (balloon, rtc, passes) gets a new Map and untouched
 * ones keep theirs, so memoized charts redraw only when their own data changed.
 * Point arrays are appended in place, not copied: copying a VM's whole series
 * on every live batch made each update O(history) (a million points copied a
 * few times a second). So an earlier snapshot's arrays grow too; compare Maps,
 * or an array's length and last point, to tell what changed.
 */
export class ChartDataBuilder {
  private seen = 0;
  // Identity, not seq: a recording and the live log can hold different events under the same seqs.
  private first: StoredEvent | undefined;
  private last: StoredEvent | undefined;
  private data: ChartData = { balloon: new Map(), rtc: new Map(), passes: new Map(), marks: [] };

  update(events: readonly StoredEvent[]): ChartData {
    const appended = this.seen > 0 && events.length >= this.seen && events[0] === this.first && events[this.seen - 1] === this.last;
    const start = appended ? this.seen : 0;
    if (!appended) this.data = { balloon: new Map(), rtc: new Map(), passes: new Map(), marks: [] };
    if (start === events.length && appended) return this.data;
    const next: ChartData = { ...this.data };
    const copied = new Set<string>();
    // A new Map per changed kind (cheap: one entry per VM); the VM's points are appended in place.
    const listFor = (key: SeriesKey, vm: string): ChartPoint[] => {
      if (!copied.has(key)) {
        next[key] = new Map(next[key]);
        copied.add(key);
      }
      const map = next[key];
      let list = map.get(vm);
      if (list === undefined) map.set(vm, (list = []));
      return list;
    };
    for (let i = start; i < events.length; i++) {
      const e = events[i] as StoredEvent;
      const field = FIELDS[e.event];
      if (field) {
        const y = numberField(e.data, field[1]);
        if (y !== undefined) insertByX(listFor(field[0], e.vm), { x: eventTimeMs(e), y, seq: e.seq });
      } else if (e.event === 'MIGRATION') {
        const status = e.data?.['status'];
        if (typeof status === 'string') {
          if (!copied.has('marks')) {
            next.marks = next.marks.slice();
            copied.add('marks');
          }
          insertByX(next.marks, { x: eventTimeMs(e), vm: e.vm, status, seq: e.seq });
        }
      }
    }
    this.seen = events.length;
    this.first = events[0];
    this.last = events.at(-1);
    if (copied.size > 0 || !appended) this.data = next;
    return this.data;
  }
}

/**
 * "demo: 12 points, latest 1.50 GiB" per VM: the chart's data in words, for screen readers and tests.
 * Series are time ordered (ties in arrival order), so the latest point is the last: scanning
 * every point for it made each redraw O(history).
 */
export function seriesSummary(series: SeriesByVm, formatY: (y: number) => string): string[] {
  const out: string[] = [];
  for (const [vm, points] of series) {
    const latest = points[points.length - 1];
    if (latest !== undefined)
      out.push(`${peerPlain(vm)}: ${points.length} point${points.length === 1 ? '' : 's'}, latest ${formatY(latest.y)}`);
  }
  return out;
}

/** "demo: 3 passes, last status completed" per VM with passes or status changes. */
export function migrationSummary(passes: SeriesByVm, marks: readonly StatusMark[]): string[] {
  const vms = [...passes.keys()];
  for (const m of marks) if (!vms.includes(m.vm)) vms.push(m.vm);
  return vms.map((vm) => {
    const n = passes.get(vm)?.length ?? 0;
    let status: string | undefined;
    for (const m of marks) if (m.vm === vm) status = m.status;
    return `${peerPlain(vm)}: ${n} pass${n === 1 ? '' : 'es'}, last status ${peerPlain(status ?? 'unknown')}`;
  });
}
