import type { FieldInfo, JsonValue } from '@qmpscope/events';

export interface FieldRow {
  /** Dotted path for display ("info.arg1", "list.0.name"). */
  path: string;
  depth: number;
  /** The value as text; objects and arrays show as their children's rows below. */
  value: string;
  type: string;
  meaning: string;
  known: boolean;
  /** Field names from the top without array indexes: what the catalogue is asked with. */
  keys: string[];
  raw: JsonValue;
}

export type FieldLookup = (path: readonly string[]) => FieldInfo | undefined;
export type UnitFormatter = (value: number, unit: NonNullable<FieldInfo['unit']>) => string;

function valueText(v: JsonValue, info: FieldInfo | undefined, formatUnit: UnitFormatter): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `${v.length} item${v.length === 1 ? '' : 's'}`;
  if (typeof v === 'object') return '';
  if (info?.unit && (typeof v === 'number' || (typeof v === 'string' && /^-?\d+$/.test(v)))) {
    // Exact big integers arrive as digit strings; for display a double is close enough, the raw value stays in the title.
    return `${formatUnit(Number(v), info.unit)} (${String(v)})`;
  }
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function typeText(v: JsonValue): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/**
 * One row per field, nested objects and arrays flattened depth-first, each
 * described by the catalogue where it knows the field. Array items share their
 * array's description (the lookup sees the path without indexes).
 */
export function fieldRows(data: JsonValue | undefined, lookup: FieldLookup, formatUnit: UnitFormatter): FieldRow[] {
  const rows: FieldRow[] = [];
  const walk = (v: JsonValue, path: string[], keys: string[]) => {
    const info = lookup(keys);
    if (path.length > 0) {
      rows.push({
        path: path.join('.'),
        depth: path.length - 1,
        value: valueText(v, info, formatUnit),
        type: info?.type ?? typeText(v),
        meaning: info?.description ?? 'not in the catalogue',
        known: info !== undefined,
        keys,
        raw: v,
      });
    }
    if (Array.isArray(v)) v.forEach((item, i) => walk(item, [...path, String(i)], keys));
    else if (v !== null && typeof v === 'object') for (const [k, child] of Object.entries(v)) walk(child, [...path, k], [...keys, k]);
  };
  if (data !== undefined) walk(data, [], []);
  return rows;
}
