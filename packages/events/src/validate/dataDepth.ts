import type { JsonObject, JsonValue } from '../json.js';

/**
 * Deepest nesting of an event's `data` that qmpscope keeps, the same for every consumer: the
 * bridge's ingest, its API and socket.io, the page, and imported files. `data` itself is level 0;
 * a value at level 65 is too deep. Real QMP events nest a few levels; JSON parsers in other
 * languages (Python's json recurses) and the page's own validation must never meet deeper data.
 */
export const MAX_DATA_DEPTH = 64;

/** The only key of the object that stands in for data too deep to keep: no QAPI name has a colon. */
export const DROPPED_DATA_KEY = 'qmpscope:dropped';

/** The `data` stored and served in place of data nested deeper than MAX_DATA_DEPTH. */
export function droppedDataMarker(): JsonObject {
  return {
    [DROPPED_DATA_KEY]: `the event's data was nested deeper than ${MAX_DATA_DEPTH} levels and was not kept; its name and time were`,
  };
}

/** True when some value of `value` lies deeper than `max` levels (`value` is level `depth`). */
export function nestedDeeperThan(value: JsonValue, max: number, depth = 0): boolean {
  if (depth > max) return true;
  if (typeof value !== 'object' || value === null) return false;
  // The recursion stops at max + 1 levels, so its stack is bounded whatever the input.
  if (Array.isArray(value)) {
    for (const item of value) if (nestedDeeperThan(item, max, depth + 1)) return true;
    return false;
  }
  for (const key in value) if (nestedDeeperThan(value[key] as JsonValue, max, depth + 1)) return true;
  return false;
}

/** `data` as kept everywhere: itself, or the marker when it nests deeper than MAX_DATA_DEPTH. */
export function boundedData(data: JsonObject): { data: JsonObject; dropped: boolean } {
  return nestedDeeperThan(data, MAX_DATA_DEPTH) ? { data: droppedDataMarker(), dropped: true } : { data, dropped: false };
}
