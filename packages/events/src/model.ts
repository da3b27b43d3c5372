/**
 * The shapes of the event catalogue: what the UI needs to explain an event and its
 * fields without knowing QEMU's schema by heart.
 */

/** Broad areas of a VM's life, used to colour and filter events. 'other' is for names the catalogue does not know. */
export type Category = 'run-state' | 'power' | 'display' | 'migration' | 'memory' | 'devices' | 'storage' | 'guest-health' | 'other';

/** How much an event deserves a user's attention, lowest first. */
export type Severity = 'info' | 'notice' | 'warning' | 'error';

/** What a numeric field counts, so the UI can format it (bytes → "1.00 GiB", seconds → "+1 h"). */
export type FieldUnit = 'bytes' | 'seconds' | 'sectors' | 'count';

/** One data field of an event or of a referenced type. */
export interface FieldInfo {
  /** Key in the JSON object, exactly as QEMU sends it (e.g. "sector-num"). */
  name: string;
  /**
   * QAPI type: a built-in ('str', 'int', 'bool', 'uint32', 'uint64', ...) or the name
   * of a referenced type that `getTypeInfo` describes ('VncServerInfo', 'MigrationStatus', ...).
   */
  type: string;
  /** QAPI's `*name`: QEMU may leave the key out. */
  optional: boolean;
  /** What the value means, in our words. */
  description: string;
  unit?: FieldUnit;
  /** QEMU version that added the field, when it came after its event. */
  since?: string;
  /** False for fields newer QEMU sends that the old schema (qapi/event.json) lacks. */
  inOldSchema: boolean;
}

export interface EnumValueInfo {
  value: string;
  description: string;
  /** QEMU version that added the value, when it came after its type. */
  since?: string;
  /** False for values newer QEMU sends that the old schema lacks. */
  inOldSchema: boolean;
}

interface TypeInfoBase {
  name: string;
  description: string;
  since?: string;
}

export interface StructTypeInfo extends TypeInfoBase {
  kind: 'struct';
  /** Every field, the base type's ones included (QAPI 'base' is flattened here). */
  fields: FieldInfo[];
  /** The QAPI base type the first fields come from, if any. */
  base?: string;
}

export interface EnumTypeInfo extends TypeInfoBase {
  kind: 'enum';
  values: EnumValueInfo[];
}

/** A QAPI flat union: common fields, then the fields of the variant named by `discriminator`'s value. */
export interface UnionTypeInfo extends TypeInfoBase {
  kind: 'union';
  fields: FieldInfo[];
  discriminator: string;
  /** Discriminator value → struct type holding that variant's extra fields. */
  variants: Record<string, string>;
}

export type TypeInfo = StructTypeInfo | EnumTypeInfo | UnionTypeInfo;

/** An event's `data` turned into one line of text; must never throw, whatever `data` is. */
export type Summarizer = (data: unknown) => string | undefined;

export interface Deprecation {
  /** QEMU version that deprecated the event. */
  since: string;
  replacedBy?: string;
  /** QEMU version that stopped emitting it. */
  removedIn?: string;
}

export interface EventInfo {
  /** QMP event name, e.g. "SHUTDOWN". */
  name: string;
  /** One sentence: what happened when this event arrives. */
  summary: string;
  category: Category;
  /** Typical severity; `severityOf(event, data)` refines it from the data where that matters. */
  severity: Severity;
  /** First QEMU version that emits it, as the schema writes it ("0.12.0", "1.1", ...). */
  since: string;
  fields: FieldInfo[];
  /** False for events the old schema (qapi/event.json) does not list. */
  inOldSchema: boolean;
  /** QEMU drops events of this kind arriving less than a second apart (the last one is kept). */
  rateLimited: boolean;
  /** Things worth knowing when reading the event: what follows it, quirks. */
  notes: string[];
  deprecated?: Deprecation;
  /** Detail text for one instance, without the event name; undefined when the data gives nothing usable. */
  describe?: Summarizer;
  /** Severity for one instance when it depends on the data (a failed migration is an error). */
  severityFor?: (data: unknown) => Severity | undefined;
}
