import type { JsonValue, StoredEvent } from '@qmpscope/events';
import { eventTimeMs } from './eventTime';

export interface ChartPoint {
  x: number;
  y: number;
  seq: number;
}

export interface StatusMark {
  x: number;
  vm: string;
  status: string;
  seq: number;
}

/** Points per VM, in the order the VMs first appear. */
export type SeriesByVm = Map<string, ChartPoint[]>;

/** Exact big integers arrive as digit strings; a chart only needs a double. */
function numberField(data: StoredEvent['data'], key: string): number | undefined {
  const v: JsonValue | undefined = data?.[key];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  return undefined;
}

function seriesOf(events: readonly StoredEvent[], name: string, key: string): SeriesByVm {
  const out: SeriesByVm = new Map();
  for (const e of events) {
    if (e.event !== name) continue;
    const y = numberField(e.data, key);
    if (y === undefined) continue;
    let list = out.get(e.vm);
    if (!list) out.set(e.vm, (list = []));
    list.push({ x: eventTimeMs(e), y, seq: e.seq });
  }
  // Seq order is arrival order; charts need time order (late rate-limited events).
  for (const list of out.values()) list.sort((a, b) => a.x - b.x);
  return out;
}

/** BALLOON_CHANGE `actual`, bytes. */
export const balloonSeries = (events: readonly StoredEvent[]) => seriesOf(events, 'BALLOON_CHANGE', 'actual');
/** RTC_CHANGE `offset`, seconds. */
export const rtcSeries = (events: readonly StoredEvent[]) => seriesOf(events, 'RTC_CHANGE', 'offset');
/** MIGRATION_PASS `pass`. */
export const migrationPassSeries = (events: readonly StoredEvent[]) => seriesOf(events, 'MIGRATION_PASS', 'pass');

/** MIGRATION status changes, time ordered. */
export function migrationStatusMarks(events: readonly StoredEvent[]): StatusMark[] {
  const out: StatusMark[] = [];
  for (const e of events) {
    const status = e.event === 'MIGRATION' ? e.data?.['status'] : undefined;
    if (typeof status === 'string') out.push({ x: eventTimeMs(e), vm: e.vm, status, seq: e.seq });
  }
  return out.sort((a, b) => a.x - b.x);
}

/**
 * True when two series hold the same points: a flood of other events must not
 * make a chart redraw, and comparing lengths and last seqs is enough because
 * series only grow at the end or are rebuilt for a new window. Not for two
 * ChartDataBuilder snapshots: they share their point arrays (appended in place),
 * so compare their Maps instead.
 */
export function sameSeries(a: SeriesByVm, b: SeriesByVm): boolean {
  if (a.size !== b.size) return false;
  for (const [vm, pa] of a) {
    const pb = b.get(vm);
    if (!pb || pb.length !== pa.length || pb[0]?.seq !== pa[0]?.seq || pb.at(-1)?.seq !== pa.at(-1)?.seq) return false;
  }
  return true;
}
