import { categoryOf, severityOf, summarizeEvent, type Category, type JsonValue, type Severity, type StoredEvent } from '@qmpscope/events';
import { VALUE_CHARS } from './peerText';

/** What filtering and drawing need of an event, derived from the catalogue once per event. */
export interface EventClass {
  category: Category;
  severity: Severity;
}

export interface EventFacets extends EventClass {
  /** The catalogue's one line, e.g. "BALLOON_CHANGE 1.00 GiB". */
  summary: string;
  /** The same without the leading event name, for places that show the name already ("1.00 GiB"); may be empty. */
  detail: string;
}

// Events are immutable once stored, so the object is the cache key and the
// entry goes away with the event. Two caches because the costs differ: the
// list needs summaries of a screenful, only a text search needs the serialized data.
// The class is not cached per event: at 1M events a WeakMap entry per event
// cost tens of MB of heap, while recomputing it is two catalogue lookups; the
// few distinct (category, severity) pairs are interned so no object is made per call.
const internedClasses = new Map<Category, Map<Severity, EventClass>>();
const facets = new WeakMap<StoredEvent, EventFacets>();
const searchTexts = new WeakMap<StoredEvent, string>();

export function classOf(e: StoredEvent): EventClass {
  const category = categoryOf(e.event);
  const severity = severityOf(e.event, e.data);
  let bySeverity = internedClasses.get(category);
  if (bySeverity === undefined) internedClasses.set(category, (bySeverity = new Map()));
  let c = bySeverity.get(severity);
  if (c === undefined) bySeverity.set(severity, (c = { category, severity }));
  return c;
}

/** The summary without the event's name, for a row that shows the name already. */
export function detailOf(summary: string, event: string): string {
  return summary.startsWith(event) ? summary.slice(event.length).trim() : summary;
}

export function facetsOf(e: StoredEvent): EventFacets {
  let f = facets.get(e);
  if (f === undefined) {
    const summary = summarizeEvent(e.event, e.data);
    f = { ...classOf(e), summary, detail: detailOf(summary, e.event) };
    facets.set(e, f);
  }
  return f;
}

const head = (s: string) => (s.length > VALUE_CHARS ? s.slice(0, VALUE_CHARS) : s);

/** Keeps the first VALUE_CHARS characters of every string and key. */
function capStrings(_key: string, v: JsonValue): JsonValue {
  if (typeof v === 'string') return head(v);
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  if (!Object.keys(v).some((k) => k.length > VALUE_CHARS)) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [head(k), x]));
}

/**
 * vm, name, summary and raw data, lowercased: one `includes` per event per search. Only the first
 * VALUE_CHARS characters of each string are searched: one 30 MB string would otherwise be 60 MB of
 * cached text for a single event.
 */
export function searchTextOf(e: StoredEvent): string {
  let s = searchTexts.get(e);
  if (s === undefined) {
    const data = e.data === undefined ? '' : JSON.stringify(e.data, capStrings);
    s = `${head(e.vm)}\n${head(e.event)}\n${head(facetsOf(e).summary)}\n${data}`.toLowerCase();
    searchTexts.set(e, s);
  }
  return s;
}
