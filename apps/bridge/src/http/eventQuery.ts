import type { EventFilter } from '../storage/eventFilter.js';

export const DEFAULT_LIMIT = 1000;
export const MAX_LIMIT = 10_000;

export interface EventQuery {
  filter: EventFilter;
  /** null: no limit (NDJSON export without `limit`). */
  limit: number | null;
}

export type EventQueryResult = { ok: true; query: EventQuery } | { ok: false; error: string };

export interface EventQueryOptions {
  knownVms: readonly string[];
  /** 'page': /api/events (limit 1..10000, default 1000). 'export': /api/events.ndjson (limit optional, uncapped). */
  mode: 'page' | 'export';
}

const EVENT_NAME = /^[A-Za-z0-9_.-]{1,128}$/;
const EPOCH_MS = /^-?\d{1,16}(\.\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

class QueryError extends Error {}

/** Validates the query string of /api/events and /api/events.ndjson into a store filter. */
export function parseEventQuery(params: URLSearchParams, opts: EventQueryOptions): EventQueryResult {
  try {
    const filter: EventFilter = {};
    const vms = listParam(params, 'vm');
    if (vms.length > 0) {
      const unknown = vms.find((v) => !opts.knownVms.includes(v));
      if (unknown !== undefined) {
        throw new QueryError(`unknown vm ${JSON.stringify(unknown)} (known: ${opts.knownVms.join(', ') || 'none'})`);
      }
      filter.vms = vms;
    }
    const events = listParam(params, 'event');
    const badEvent = events.find((e) => !EVENT_NAME.test(e));
    if (badEvent !== undefined) {
      throw new QueryError(`invalid event ${JSON.stringify(badEvent)}: expected a QMP event name such as SHUTDOWN`);
    }
    if (events.length > 0) filter.events = events;
    const after = singleParam(params, 'after');
    if (after !== null) filter.afterSeq = parseInteger('after', after, 0, Number.MAX_SAFE_INTEGER, 'an integer >= 0');
    const from = singleParam(params, 'from');
    if (from !== null) filter.fromUs = parseTime('from', from);
    const to = singleParam(params, 'to');
    if (to !== null) filter.toUs = parseTime('to', to);
    if (filter.fromUs !== undefined && filter.toUs !== undefined && filter.fromUs > filter.toUs) {
      throw new QueryError(`invalid range: from ${JSON.stringify(from)} is after to ${JSON.stringify(to)}`);
    }
    return { ok: true, query: { filter, limit: parseLimit(singleParam(params, 'limit'), opts.mode) } };
  } catch (err) {
    if (err instanceof QueryError) return { ok: false, error: err.message };
    throw err;
  }
}

function listParam(params: URLSearchParams, name: string): string[] {
  const out: string[] = [];
  for (const value of params.getAll(name)) {
    for (const item of value.split(',')) {
      const trimmed = item.trim();
      if (trimmed !== '' && !out.includes(trimmed)) out.push(trimmed);
    }
  }
  return out;
}

function singleParam(params: URLSearchParams, name: string): string | null {
  const values = params.getAll(name);
  if (values.length > 1) throw new QueryError(`${name} given ${values.length} times: give it once`);
  return values[0] ?? null;
}

function parseInteger(name: string, raw: string, min: number, max: number, expected: string): number {
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new QueryError(`invalid ${name} ${JSON.stringify(raw)}: expected ${expected}`);
  }
  return n;
}

function parseLimit(raw: string | null, mode: EventQueryOptions['mode']): number | null {
  if (mode === 'page') {
    return raw === null ? DEFAULT_LIMIT : parseInteger('limit', raw, 1, MAX_LIMIT, `an integer from 1 to ${MAX_LIMIT}`);
  }
  return raw === null ? null : parseInteger('limit', raw, 1, Number.MAX_SAFE_INTEGER, 'an integer >= 1');
}

/** ISO-8601 or epoch milliseconds -> epoch microseconds (the unit of the ts_us column). */
function parseTime(name: string, raw: string): number {
  let ms = NaN;
  if (EPOCH_MS.test(raw)) ms = Number(raw);
  else if (ISO_DATE.test(raw)) ms = Date.parse(raw);
  if (!Number.isFinite(ms)) {
    throw new QueryError(`invalid ${name} ${JSON.stringify(raw)}: expected an ISO-8601 time (2024-05-01T12:00:00Z) or epoch milliseconds`);
  }
  return Math.round(ms * 1000);
}
