import type { StoredEvent } from '@qmpscope/events';
import { eventTimeMs } from './eventTime';

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
  const out: RelatedEvents = { migrations: [], links: [], panics: [] };
  const perVm = new Map<string, VmState>();
  for (const e of events) {
    let st = perVm.get(e.vm);
    if (st === undefined) perVm.set(e.vm, (st = { band: null, pending: null }));
    const t = eventTimeMs(e);
    if (st.pending !== null && (t - st.pending.t > LINK_WINDOW_MS || t < st.pending.t - LINK_WINDOW_MS)) st.pending = null;
    if (st.pending !== null && st.pending.effects.has(e.event)) {
      out.links.push({ kind: st.pending.kind, cause: st.pending.cause, effect: e });
      st.pending = null;
    }
    switch (e.event) {
      case 'MIGRATION':
        migrationStatus(st, e, t, out);
        break;
      case 'MIGRATION_PASS':
        st.band?.passes.push(e);
        break;
      case 'SHUTDOWN':
        // A WATCHDOG's SHUTDOWN both ends one link and may start the next (-no-shutdown's STOP).
        st.pending = { kind: 'shutdown-stop', cause: e, t, effects: SHUTDOWN_EFFECTS };
        break;
      case 'WATCHDOG':
        st.pending = { kind: 'watchdog-action', cause: e, t, effects: WATCHDOG_EFFECTS };
        break;
      case 'GUEST_PANICKED':
        out.panics.push(e);
        break;
    }
  }
  return out;
}

function migrationStatus(st: VmState, e: StoredEvent, t: number, out: RelatedEvents): void {
  const status = typeof e.data?.['status'] === 'string' ? e.data['status'] : 'unknown';
  // "none" is the idle state, not part of a migration; "setup" always starts a new one.
  if (status === 'none') return;
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
}

/** "1 migration: setup → completed, 3 passes; 1 watchdog action; 1 guest panic", or '' when nothing is related. */
export function describeRelated(r: RelatedEvents): string {
  const parts: string[] = [];
  if (r.migrations.length > 0) {
    const each = r.migrations.map((m) => {
      const first = m.statuses[0] ?? 'unknown';
      const last = m.end !== null ? (m.statuses.at(-1) ?? 'unknown') : m.to === null ? 'running' : 'unfinished';
      return `${m.vm}: ${first} → ${last}, ${m.passes.length} ${m.passes.length === 1 ? 'pass' : 'passes'}`;
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
