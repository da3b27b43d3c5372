/** What a query over stored events selects; every field narrows, absent means "any". */
export interface EventFilter {
  vms?: readonly string[];
  events?: readonly string[];
  /** Only events with seq greater than this. */
  afterSeq?: number;
  /** QEMU time range, inclusive, in microseconds since the epoch. */
  fromUs?: number;
  toUs?: number;
}

/** Name -> id lookups of the interned names (see NameTable); undefined = never stored. */
export interface NameIds {
  vm: (name: string) => number | undefined;
  event: (name: string) => number | undefined;
}

/**
 * Builds the WHERE clause and its parameters for a filter (values bound, never interpolated), or
 * null when nothing stored can match (every named VM or event is unknown).
 */
export function filterToSql(filter: EventFilter, ids: NameIds): { where: string; params: number[] } | null {
  const clauses: string[] = [];
  const params: number[] = [];
  const byVm = filter.vms !== undefined && filter.vms.length > 0;
  if (filter.vms && filter.vms.length > 0) {
    const vmIds = known(filter.vms, ids.vm);
    if (vmIds.length === 0) return null;
    clauses.push(`vm_id IN (${vmIds.map(() => '?').join(',')})`);
    params.push(...vmIds);
  }
  if (filter.events && filter.events.length > 0) {
    const eventIds = known(filter.events, ids.event);
    if (eventIds.length === 0) return null;
    // Without statistics SQLite picks the event index when both are given, and scans a third of the
    // table for one VM's chart. A VM narrows far more than an
    // event name in a fleet, so the unary + keeps the event index out of that choice.
    const column = byVm ? '+event_id' : 'event_id';
    clauses.push(`${column} IN (${eventIds.map(() => '?').join(',')})`);
    params.push(...eventIds);
  }
  if (filter.afterSeq !== undefined) {
    clauses.push('seq > ?');
    params.push(filter.afterSeq);
  }
  if (filter.fromUs !== undefined) {
    clauses.push('ts_us >= ?');
    params.push(filter.fromUs);
  }
  if (filter.toUs !== undefined) {
    clauses.push('ts_us <= ?');
    params.push(filter.toUs);
  }
  return { where: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

function known(names: readonly string[], idOf: (name: string) => number | undefined): number[] {
  const out: number[] = [];
  for (const name of names) {
    const id = idOf(name);
    if (id !== undefined) out.push(id);
  }
  return out;
}
