import { SEVERITIES, type StoredEvent } from '@qmpscope/events';
import { eventTimeMs } from './eventTime';
import { classOf } from './eventFacets';

/**
 * What the timeline reads of each event, as columns: time, VM (interned, in
 * order of first appearance) and severity rank. A live redraw scans these typed
 * arrays and never touches the event objects, which are far slower to walk
 * (time, class and lane lookups per event).
 * A snapshot is immutable: later appends write past its `length` only.
 */
export interface TimelineColumns {
  readonly events: readonly StoredEvent[];
  readonly length: number;
  readonly times: Float64Array;
  readonly vms: Uint32Array;
  readonly ranks: Uint8Array;
  /** VM names by id; ids [0, vmCount) are this snapshot's. */
  readonly vmNames: readonly string[];
  readonly vmCount: number;
}

const FIRST_CAPACITY = 1024;

/** No events: what a timeline that draws nothing yet scans. */
export const EMPTY_COLUMNS: TimelineColumns = empty([]);

/**
 * Keeps TimelineColumns current as the visible list grows. The list is in seq
 * order and live updates only append (same first element, same element at the
 * old length: the pattern of ChartDataBuilder), so an update reads the new
 * events only; any other change (filters, window) rebuilds from scratch.
 */
export class TimelineIndex {
  private cols: TimelineColumns = empty([]);
  private vmIds = new Map<string, number>();
  private names: string[] = [];

  /**
   * The snapshot before `cols`: an urgent render draws the committed (older) list while a
   * deferred one holds the newer; keeping it spares a whole rebuild for each such step back.
   */
  private before: TimelineColumns = this.cols;

  update(events: readonly StoredEvent[]): TimelineColumns {
    if (events === this.before.events && events !== this.cols.events) return this.before;
    const prev = this.cols;
    const n = prev.length;
    const appended = n > 0 && events.length >= n && events[0] === prev.events[0] && events[n - 1] === prev.events[n - 1];
    // The same events in a new array (a copy, or a render of the same list): nothing to redraw.
    if (events === prev.events || (appended && events.length === n)) return prev;
    let { times, vms, ranks } = prev;
    let start = n;
    if (!appended) {
      // Fresh arrays and names: earlier snapshots stay valid.
      start = 0;
      times = new Float64Array(Math.max(FIRST_CAPACITY, events.length));
      vms = new Uint32Array(times.length);
      ranks = new Uint8Array(times.length);
      this.vmIds = new Map();
      this.names = [];
    } else if (events.length > times.length) {
      const cap = Math.max(events.length, times.length * 2);
      times = grow(times, new Float64Array(cap), n);
      vms = grow(vms, new Uint32Array(cap), n);
      ranks = grow(ranks, new Uint8Array(cap), n);
    }
    for (let i = start; i < events.length; i++) {
      const e = events[i] as StoredEvent;
      let id = this.vmIds.get(e.vm);
      if (id === undefined) {
        id = this.names.length;
        this.vmIds.set(e.vm, id);
        this.names.push(e.vm);
      }
      times[i] = eventTimeMs(e);
      vms[i] = id;
      ranks[i] = rankOf(e);
    }
    this.before = prev;
    this.cols = { events, length: events.length, times, vms, ranks, vmNames: this.names, vmCount: this.names.length };
    return this.cols;
  }
}

/** Columns of `events` in one go (tests, one-off scans). */
export function timelineColumns(events: readonly StoredEvent[]): TimelineColumns {
  return new TimelineIndex().update(events);
}

function empty(events: readonly StoredEvent[]): TimelineColumns {
  return { events, length: 0, times: new Float64Array(0), vms: new Uint32Array(0), ranks: new Uint8Array(0), vmNames: [], vmCount: 0 };
}

function grow<T extends Float64Array | Uint32Array | Uint8Array>(from: T, to: T, n: number): T {
  to.set(from.subarray(0, n));
  return to;
}

/** Each severity's rank, looked up once per event appended. */
const RANKS = new Map(SEVERITIES.map((s) => [s.id, s.rank]));
function rankOf(e: StoredEvent): number {
  return RANKS.get(classOf(e).severity) ?? 0;
}
