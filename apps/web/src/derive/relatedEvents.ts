import type { StoredEvent } from '@qmpscope/events';
import { eventTimeMs } from './eventTime';
import { peerPlain } from './peerText';

/** One migration of one VM, from its first status to completed/failed/cancelled. */
export interface MigrationBand {
  vm: string;
  /** The MIGRATION event that opened the band (normally status "setup"). */
  start: StoredEvent;
  /** The terminal MIGRATION event; null while the migration is still running. */
  end: StoredEvent | null;
  from: number;
  /** null while running: the band reaches to now. Set without `end` when a new setup cut it short. */
  to: number | null;
  /** Every status in order, e.g. ["setup", "active", "completed"]. */
  statuses: string[];
  passes: StoredEvent[];
}

export type LinkKind = 'shutdown-stop' | 'watchdog-action';

/** Two events of one VM where the second is QEMU's consequence of the first. */
export interface EventLink {
  kind: LinkKind;
  cause: StoredEvent;
  effect: StoredEvent;
}

export interface RelatedEvents {
  migrations: MigrationBand[];
  links: EventLink[];
  panics: StoredEvent[];
}

export const NO_RELATED: RelatedEvents = { migrations: [], links: [], panics: [] };

const TERMINAL = new Set(['completed', 'failed', 'cancelled']);
const WATCHDOG_EFFECTS = new Set(['RESET', 'STOP', 'SHUTDOWN']);
/**
 * QEMU emits the consequence in the same main-loop iteration (microseconds
 * apart); 2 s leaves room for a loaded host without linking unrelated events.
 */
export const LINK_WINDOW_MS = 2000;

interface VmState {
  band: MigrationBand | null;
  /** A cause waiting for its effect, with the effects that would match. */
  pending: { kind: LinkKind; cause: StoredEvent; t: number; effects: ReadonlySet<string> } | null;
}

const SHUTDOWN_EFFECTS = new Set(['STOP']);

/**
 * Finds what belongs together in events given in seq order: migration bands
 * with their passes, SHUTDOWN→STOP (-no-shutdown) and WATCHDOG→RESET/STOP/SHUTDOWN
 * links, and every GUEST_PANICKED. One pass, O(n).
 */
export function relatedEvents(events: readonly StoredEvent[]): RelatedEvents {
  return new RelatedBuilder().update(events);
}

/**
 * Keeps RelatedEvents current as the visible list grows: live updates only
 * append (same first element, same element at the old length), so an update
 * reads the new events only; any other change rebuilds. The result keeps its
 * identity while nothing related arrived, so memoized views skip the redraw.
 * An open band is completed in place, so the kept earlier result may show a band's end a
 * redraw early.
 */
export class RelatedBuilder {
  private seen: readonly StoredEvent[] = [];
  private perVm = new Map<string, VmState>();
  private out: RelatedEvents = { migrations: [], links: [], panics: [] };
  private result: RelatedEvents = this.out;
  private before: { events: readonly StoredEvent[]; result: RelatedEvents } = { events: this.seen, result: this.result };

  update(events: readonly StoredEvent[]): RelatedEvents {
    // An urgent render may draw the committed (older) list again while a deferred one holds the newer.
    if (events === this.before.events && events !== this.seen) return this.before.result;
    const n = this.seen.length;
    const appended = n > 0 && events.length >= n && events[0] === this.seen[0] && events[n - 1] === this.seen[n - 1];
    if (events !== this.seen) this.before = { events: this.seen, result: this.result };
    if (!appended && events !== this.seen) {
      this.perVm = new Map();
      this.out = { migrations: [], links: [], panics: [] };
      this.result = this.out;
    }
    const start = appended || events === this.seen ? n : 0;
    this.seen = events;
    let changed = false;
    for (let i = start; i < events.length; i++) changed = this.add(events[i] as StoredEvent) || changed;
    if (changed) this.result = { migrations: this.out.migrations.slice(), links: this.out.links.slice(), panics: this.out.panics.slice() };
    return this.result;
  }

  /** True when the event changed what is drawn. */
  private add(e: StoredEvent): boolean {
    const out = this.out;
    let st = this.perVm.get(e.vm);
    if (st === undefined) this.perVm.set(e.vm, (st = { band: null, pending: null }));
    const t = eventTimeMs(e);
    let changed = false;
    if (st.pending !== null && (t - st.pending.t > LINK_WINDOW_MS || t < st.pending.t - LINK_WINDOW_MS)) st.pending = null;
    if (st.pending !== null && st.pending.effects.has(e.event)) {
      out.links.push({ kind: st.pending.kind, cause: st.pending.cause, effect: e });
      st.pending = null;
      changed = true;
    }
    switch (e.event) {
      case 'MIGRATION':
        return migrationStatus(st, e, t, out) || changed;
      case 'MIGRATION_PASS':
        if (st.band === null) return changed;
        st.band.passes.push(e);
        return true;
      case 'SHUTDOWN':
        // A WATCHDOG's SHUTDOWN both ends one link and may start the next (-no-shutdown's STOP).
        st.pending = { kind: 'shutdown-stop', cause: e, t, effects: SHUTDOWN_EFFECTS };
        return changed;
      case 'WATCHDOG':
        st.pending = { kind: 'watchdog-action', cause: e, t, effects: WATCHDOG_EFFECTS };
        return changed;
      case 'GUEST_PANICKED':
        out.panics.push(e);
        return true;
      default:
        return changed;
    }
  }
}

function migrationStatus(st: VmState, e: StoredEvent, t: number, out: RelatedEvents): boolean {
  const status = typeof e.data?.['status'] === 'string' ? e.data['status'] : 'unknown';
  // "none" is the idle state, not part of a migration; "setup" always starts a new one.
  if (status === 'none') return false;
  if (st.band === null || status === 'setup') {
    // A setup while one is open: the old one's end was lost (bridge down); it stops here, unfinished.
    if (st.band !== null) st.band.to = t;
    st.band = { vm: e.vm, start: e, end: null, from: t, to: null, statuses: [], passes: [] };
    out.migrations.push(st.band);
  }
  st.band.statuses.push(status);
  if (TERMINAL.has(status)) {
    st.band.end = e;
    st.band.to = t;
    st.band = null;
  }
  return true;
}

/** "1 migration: setup → completed, 3 passes; 1 watchdog action; 1 guest panic", or '' when nothing is related. */
export function describeRelated(r: RelatedEvents): string {
  const parts: string[] = [];
  if (r.migrations.length > 0) {
    const each = r.migrations.map((m) => {
      const first = m.statuses[0] ?? 'unknown';
      const last = m.end !== null ? (m.statuses.at(-1) ?? 'unknown') : m.to === null ? 'running' : 'unfinished';
      return `${peerPlain(m.vm)}: ${peerPlain(first)} → ${peerPlain(last)}, ${m.passes.length} ${m.passes.length === 1 ? 'pass' : 'passes'}`;
    });
    parts.push(`${plural(r.migrations.length, 'migration')} (${each.join('; ')})`);
  }
  const stops = r.links.filter((l) => l.kind === 'shutdown-stop').length;
  const dogs = r.links.length - stops;
  if (stops > 0) parts.push(`${plural(stops, 'shutdown')} followed by STOP`);
  if (dogs > 0) parts.push(`${plural(dogs, 'watchdog')} followed by its action`);
  if (r.panics.length > 0) parts.push(plural(r.panics.length, 'guest panic'));
  return parts.join('; ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
