import { SEVERITIES, type StoredEvent } from '@qmpscope/events';
import { classOf } from './eventFacets';
import type { Bin } from './histogram';
import { timelineColumns, type TimelineColumns } from './timelineIndex';
import { BUCKET_PX, xOf, type Domain, type TimelineMark } from './timelineLayout';

export interface TimelineScan {
  /** VM name -> lane: `knownVms` first in their order, then every other VM of `events` in order of first appearance. */
  lanes: Map<string, number>;
  /** The `maxMarks` most severe marks, least severe first (the most severe is drawn last, on top). */
  marks: TimelineMark[];
  /** Marks there are in all, drawn or not: one per (lane, time bucket) holding an event. */
  markCount: number;
  /** Events inside the domain. */
  shown: number;
  /** Events per equal slice of the domain (the histogram above the lanes). */
  bins: Bin[];
  /**
   * Time per mark bucket (BUCKET_PX pixels). Buckets are aligned to multiples of it, not to
   * the domain's start, so a live domain that only slides keeps every mark's bucket and event.
   */
  bucketMs: number;
}

const RANKS = SEVERITIES.length;

/** scanColumns' arguments after the columns. */
type ScanArgs = Parameters<typeof scanColumns> extends [TimelineColumns, ...infer Rest] ? Rest : never;

/** scanColumns over the events themselves (builds their columns first). */
export function timelineScan(events: readonly StoredEvent[], ...args: ScanArgs): TimelineScan {
  return scanColumns(timelineColumns(events), ...args);
}

/**
 * Every lane's buckets of one scan: flat typed arrays, bucket-major (slot = bucket * laneCount + lane).
 * Marks are picked from it per range of lanes (marksInLanes), so scrolling the lanes re-picks
 * without re-reading the events.
 */
export interface TimelineGrid extends Omit<TimelineScan, 'marks' | 'markCount' | 'lanes'> {
  lanes: ReadonlyMap<string, number>;
  domain: Domain;
  width: number;
  perLane: number;
  /** Events per slot. */
  count: Uint32Array;
  /** Column index of the slot's mark (its most severe event, the newest on ties). */
  best: Int32Array;
  rank: Uint8Array;
}

/** The lanes' marks and histogram of `scanGrid`, all lanes' marks picked (at most `maxMarks`). */
export function scanColumns(
  cols: TimelineColumns,
  knownVms: readonly string[],
  d: Domain,
  width: number,
  binCount: number,
  maxMarks = Infinity,
): TimelineScan {
  const lanes = laneMap(cols, knownVms);
  const grid = scanGrid(cols, lanes, d, width, binCount);
  const { shown, bins, bucketMs } = grid;
  return { lanes, shown, bins, bucketMs, ...marksInLanes(cols, grid, 0, lanes.size, maxMarks) };
}

/** VM name -> lane: `knownVms` first in their order, then every other VM of `cols` in order of first appearance. */
export function laneMap(cols: TimelineColumns, knownVms: readonly string[]): Map<string, number> {
  const lanes = new Map<string, number>();
  for (const name of knownVms) if (!lanes.has(name)) lanes.set(name, lanes.size);
  for (let id = 0; id < cols.vmCount; id++) {
    const name = cols.vmNames[id] as string;
    if (!lanes.has(name)) lanes.set(name, lanes.size);
  }
  return lanes;
}

/**
 * The timeline's lanes, buckets and histogram in one pass over typed columns
 * (see TimelineIndex), with buckets as flat typed arrays; no objects are made.
 * A bucket's mark is its most severe event, the newest on ties, so a
 * GUEST_PANICKED is never hidden under a crowd of STOP/RESUME.
 */
export function scanGrid(
  cols: TimelineColumns,
  lanes: ReadonlyMap<string, number>,
  d: Domain,
  width: number,
  binCount: number,
): TimelineGrid {
  // A VM without a lane (a `lanes` older than `cols`) is skipped: laneMap gives every VM one.
  const laneOf = Int32Array.from(cols.vmNames.slice(0, cols.vmCount), (name) => lanes.get(name) ?? -1);
  const n = Math.max(1, Math.floor(binCount));
  const span = d.to - d.from;
  const binWidth = span / n;
  const counts = new Uint32Array(n);
  const bucketMs = span > 0 && width > 0 ? (span / width) * BUCKET_PX : 0;
  const k0 = bucketMs > 0 ? Math.floor(d.from / bucketMs) : 0;
  // One more than the domain holds: the aligned grid straddles both ends.
  const perLane = (bucketMs > 0 ? Math.floor(d.to / bucketMs) - k0 : Math.ceil(width / BUCKET_PX)) + 1;
  const laneCount = lanes.size;
  const count = new Uint32Array(laneCount * perLane);
  const best = new Int32Array(laneCount * perLane);
  const rank = new Uint8Array(laneCount * perLane);
  const { times, vms, ranks } = cols;
  const { from, to } = d;
  let shown = 0;
  for (let i = 0; i < cols.length; i++) {
    const t = times[i] as number;
    if (t < from || t > to) continue;
    shown++;
    if (binWidth > 0) {
      const b = Math.min(n - 1, Math.floor((t - from) / binWidth));
      counts[b] = (counts[b] as number) + 1;
    }
    const k = bucketMs > 0 ? Math.min(perLane - 1, Math.max(0, Math.floor(t / bucketMs) - k0)) : Math.floor(perLane / 2);
    // Bucket-major: events close in time (any VM) touch neighbouring slots, which keeps a
    // 1,000-VM fleet's slots in cache (lane-major was ~3× slower at 1M events).
    const lane = laneOf[vms[i] as number] as number;
    if (lane < 0) continue;
    const slot = k * laneCount + lane;
    const r = ranks[i] as number;
    const c = count[slot] as number;
    count[slot] = c + 1;
    if (c === 0 || r >= (rank[slot] as number)) {
      best[slot] = i;
      rank[slot] = r;
    }
  }
  const bins = Array.from(counts, (c, i): Bin => ({ from: from + i * binWidth, to: from + (i + 1) * binWidth, count: c }));
  return { lanes, shown, bins, bucketMs, domain: d, width, perLane, count, best, rank };
}

/**
 * The `maxMarks` most severe marks of lanes [first, end) of `grid`, in the order they are
 * drawn: by rank, then lane, then newest bucket first, reversed so the most severe is last.
 * `markCount` counts the marks of those lanes, drawn or not. Only these lanes are read: a
 * redraw of the lanes in view costs their buckets, not the fleet's.
 */
export function marksInLanes(
  cols: TimelineColumns,
  grid: TimelineGrid,
  first: number,
  end: number,
  maxMarks = Infinity,
): { marks: TimelineMark[]; markCount: number } {
  const { count, best, rank, perLane, domain: d, width } = grid;
  const laneCount = grid.lanes.size;
  const lo = Math.max(0, first);
  const hi = Math.min(laneCount, end);
  const byRank: number[][] = Array.from({ length: RANKS }, () => []);
  for (let lane = lo; lane < hi; lane++) {
    for (let k = perLane - 1; k >= 0; k--) {
      const s = k * laneCount + lane;
      if ((count[s] as number) > 0) (byRank[rank[s] as number] as number[]).push(s);
    }
  }
  const markCount = byRank.reduce((a, b) => a + b.length, 0);
  const taken: TimelineMark[] = [];
  for (let r = RANKS - 1; r >= 0 && taken.length < maxMarks; r--) {
    for (const s of byRank[r] as number[]) {
      if (taken.length >= maxMarks) break;
      const i = best[s] as number;
      const e = cols.events[i] as StoredEvent;
      taken.push({
        event: e,
        facets: classOf(e),
        lane: s % laneCount,
        x: xOf(cols.times[i] as number, d, width),
        count: count[s] as number,
      });
    }
  }
  return { marks: taken.reverse(), markCount };
}

/** `prev` when `next` holds the same lanes, else `next`: memoized views keyed on the Map then skip. */
export function keepLanes(prev: Map<string, number>, next: Map<string, number>): Map<string, number> {
  if (prev === next || prev.size !== next.size) return next;
  for (const [name, lane] of next) if (prev.get(name) !== lane) return next;
  return prev;
}
