/**
 * Safe reads from an event's `data`, which arrives from the network and may be
 * anything: summaries built on these never throw, they just find nothing.
 */

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The value at `path` inside `data`, or undefined when any step is not an object. */
export function readPath(data: unknown, path: readonly string[]): unknown {
  let here: unknown = data;
  for (const key of path) {
    if (!isRecord(here) || !Object.prototype.hasOwnProperty.call(here, key)) return undefined;
    here = here[key];
  }
  return here;
}

export function readString(data: unknown, ...path: string[]): string | undefined {
  const v = readPath(data, path);
  return typeof v === 'string' ? v : undefined;
}

/** A non-empty string, for values shown as identifiers. */
export function readName(data: unknown, ...path: string[]): string | undefined {
  const v = readString(data, ...path);
  return v !== undefined && v.length > 0 ? v : undefined;
}

export function readBoolean(data: unknown, ...path: string[]): boolean | undefined {
  const v = readPath(data, path);
  return typeof v === 'boolean' ? v : undefined;
}

/**
 * An integer field. The QMP client hands integers past 2^53 over as strings of
 * digits to keep them exact, so such strings count too (converted with rounding,
 * fine for display).
 */
export function readInteger(data: unknown, ...path: string[]): number | undefined {
  const v = readPath(data, path);
  if (typeof v === 'number') return Number.isInteger(v) ? v : undefined;
  if (typeof v === 'string' && /^-?\d{1,40}$/.test(v)) return Number(v);
  return undefined;
}

/** An integer field as exact text (for uint64 values such as panic arguments), or undefined. */
export function readIntegerText(data: unknown, ...path: string[]): string | undefined {
  const v = readPath(data, path);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : undefined;
  if (typeof v === 'string' && /^-?\d{1,40}$/.test(v)) return v;
  return undefined;
}
