import type { JsonObject, JsonValue } from '../json.js';
import { MAX_DATA_DEPTH as MAX_DEPTH } from './dataDepth.js';

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const proto: unknown = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/** True when `x` is what JSON.parse could have produced: no undefined, functions, NaN, class instances. */
export function isJsonValue(x: unknown, depth = 0): x is JsonValue {
  if (depth > MAX_DEPTH) return false;
  switch (typeof x) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(x);
    case 'object':
      if (x === null) return true;
      if (Array.isArray(x)) return x.every((item) => isJsonValue(item, depth + 1));
      return isJsonObject(x, depth);
    default:
      return false;
  }
}

export function isJsonObject(x: unknown, depth = 0): x is JsonObject {
  return isPlainObject(x) && Object.values(x).every((v) => isJsonValue(v, depth + 1));
}
