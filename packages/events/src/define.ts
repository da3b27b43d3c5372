/**
 * Small constructors that keep the catalogue files readable: most fields are
 * required and in the old schema, so only the exceptions are spelt out.
 */
import type { EnumValueInfo, EventInfo, FieldInfo, FieldUnit } from './model.js';

interface FieldOptions {
  optional?: boolean;
  unit?: FieldUnit;
  since?: string;
}

/** A field the old schema (qapi/event.json or the type it references) already has. */
export function field(name: string, type: string, description: string, options: FieldOptions = {}): FieldInfo {
  return {
    name,
    type,
    optional: options.optional ?? false,
    description,
    ...(options.unit !== undefined ? { unit: options.unit } : {}),
    ...(options.since !== undefined ? { since: options.since } : {}),
    inOldSchema: true,
  };
}

/** A field only newer QEMU sends: always optional for a reader, since older QEMU omits it. */
export function laterField(name: string, type: string, since: string, description: string, options: { unit?: FieldUnit } = {}): FieldInfo {
  return { ...field(name, type, description, { optional: true, since, ...options }), inOldSchema: false };
}

/** Enum values as [value, meaning, since?, inOldSchema?] tuples. */
export function enumValues(
  rows: ReadonlyArray<readonly [value: string, description: string, since?: string, inOldSchema?: boolean]>,
): EnumValueInfo[] {
  return rows.map(([value, description, since, inOldSchema]) => ({
    value,
    description,
    ...(since !== undefined ? { since } : {}),
    inOldSchema: inOldSchema ?? true,
  }));
}

type EventDraft = Omit<EventInfo, 'inOldSchema' | 'rateLimited' | 'notes' | 'fields'> &
  Partial<Pick<EventInfo, 'inOldSchema' | 'rateLimited' | 'notes' | 'fields'>>;

/** An event entry; unless told otherwise it is in the old schema, not rate-limited, without fields or notes. */
export function defineEvent(draft: EventDraft): EventInfo {
  return { inOldSchema: true, rateLimited: false, notes: [], fields: [], ...draft };
}
