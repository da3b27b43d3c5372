/**
 * Questions the UI asks the catalogue: what is this event, what does this field
 * mean, how to say this instance in one line, how much does it matter.
 */
import { ALL_EVENTS, describeGenerically } from './catalogue/index.js';
import type { Category, EventInfo, FieldInfo, Severity, TypeInfo } from './model.js';
import { ALL_TYPES } from './types/index.js';

const eventsByName = new Map(ALL_EVENTS.map((e) => [e.name, e]));
const typesByName = new Map(ALL_TYPES.map((t) => [t.name, t]));

export function getEventInfo(name: string): EventInfo | undefined {
  return eventsByName.get(name);
}

/** Every catalogued event, old-schema ones first. */
export function listEvents(): EventInfo[] {
  return [...ALL_EVENTS];
}

/** A referenced type by its QAPI name ("VncServerInfo", "MigrationStatus", ...). */
export function getTypeInfo(name: string): TypeInfo | undefined {
  return typesByName.get(name);
}

/** The fields a value of this type may have; for a union, the common fields then every variant's. */
function fieldsOfType(type: TypeInfo | undefined): FieldInfo[] {
  if (type === undefined || type.kind === 'enum') return [];
  if (type.kind === 'struct') return type.fields;
  const variantFields = Object.values(type.variants).flatMap((v) => fieldsOfType(getTypeInfo(v)));
  return [...type.fields, ...variantFields];
}

/**
 * A field of an event, nested ones by path: ['server', 'host'] for VNC_CONNECTED,
 * ['info', 'arg1'] for GUEST_PANICKED (a union: variants are searched).
 */
export function describeField(event: string, path: readonly string[]): FieldInfo | undefined {
  let fields = getEventInfo(event)?.fields ?? [];
  let found: FieldInfo | undefined;
  for (const key of path) {
    found = fields.find((f) => f.name === key);
    if (found === undefined) return undefined;
    fields = fieldsOfType(getTypeInfo(found.type));
  }
  return found;
}

/**
 * One line for one event instance: "BALLOON_CHANGE 1.00 GiB", "SHUTDOWN by guest".
 * Never throws: data that is missing or not as expected gives just the event name.
 */
export function summarizeEvent(event: string, data: unknown): string {
  const describe = getEventInfo(event)?.describe ?? describeGenerically;
  const detail = describe(data);
  return detail === undefined || detail.length === 0 ? event : `${event} ${detail}`;
}

/** The event's category; 'other' for names the catalogue does not know. */
export function categoryOf(event: string): Category {
  return getEventInfo(event)?.category ?? 'other';
}

/** How much this instance matters; the event's typical severity when its data says nothing more, 'info' for unknown events. */
export function severityOf(event: string, data?: unknown): Severity {
  const info = getEventInfo(event);
  if (info === undefined) return 'info';
  return info.severityFor?.(data) ?? info.severity;
}

/** The meaning of an enum value of a field, e.g. SHUTDOWN reason "host-signal". */
export function describeValue(event: string, path: readonly string[], value: unknown): string | undefined {
  const f = describeField(event, path);
  const type = f === undefined ? undefined : getTypeInfo(f.type);
  if (type?.kind !== 'enum' || typeof value !== 'string') return undefined;
  return type.values.find((v) => v.value === value)?.description;
}
