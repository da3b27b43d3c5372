import { categoryOf, severityOf, summarizeEvent, type Category, type Severity, type StoredEvent } from '@qmpscope/events';

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
// entry goes away with the event. Three caches because the costs differ: the
// timeline needs only the class of 100k events, the list needs summaries of a
// screenful, only a text search needs the serialized data.
const classes = new WeakMap<StoredEvent, EventClass>();
const facets = new WeakMap<StoredEvent, EventFacets>();
const searchTexts = new WeakMap<StoredEvent, string>();

export function classOf(e: StoredEvent): EventClass {
  let c = classes.get(e);
  if (c === undefined) {
    c = { category: categoryOf(e.event), severity: severityOf(e.event, e.data) };
    classes.set(e, c);
  }
  return c;
}

export function facetsOf(e: StoredEvent): EventFacets {
  let f = facets.get(e);
  if (f === undefined) {
    const summary = summarizeEvent(e.event, e.data);
    f = { ...classOf(e), summary, detail: summary.startsWith(e.event) ? summary.slice(e.event.length).trim() : summary };
    facets.set(e, f);
  }
  return f;
}

/** vm, name, summary and raw data, lowercased: one `includes` per event per search. */
export function searchTextOf(e: StoredEvent): string {
  let s = searchTexts.get(e);
  if (s === undefined) {
    s = `${e.vm}\n${e.event}\n${facetsOf(e).summary}\n${e.data === undefined ? '' : JSON.stringify(e.data)}`.toLowerCase();
    searchTexts.set(e, s);
  }
  return s;
}
