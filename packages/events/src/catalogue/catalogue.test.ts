import { describe, expect, it } from 'vitest';
import { CATEGORIES, SEVERITIES } from '../labels.js';
import { getTypeInfo, listEvents } from '../lookup.js';
import type { FieldInfo, TypeInfo } from '../model.js';
import { ALL_TYPES } from '../types/index.js';

const BUILTINS = new Set(['str', 'int', 'bool', 'uint32', 'uint64', 'number']);

const NEWER_FROM_QMP_FACTS = [
  'GUEST_CRASHLOADED',
  'GUEST_PVSHUTDOWN',
  'MEMORY_FAILURE',
  'MEMORY_DEVICE_SIZE_CHANGE',
  'HV_BALLOON_STATUS_REPORT',
  'DEVICE_TRAY_MOVED',
  'DEVICE_UNPLUG_GUEST_ERROR',
  'FAILOVER_NEGOTIATED',
  'UNPLUG_PRIMARY',
  'NETDEV_STREAM_CONNECTED',
  'NETDEV_STREAM_DISCONNECTED',
  'NETDEV_VHOST_USER_CONNECTED',
  'NETDEV_VHOST_USER_DISCONNECTED',
  'VFIO_MIGRATION',
  'BLOCK_IMAGE_CORRUPTED',
  'BLOCK_JOB_COMPLETED',
  'BLOCK_JOB_CANCELLED',
  'BLOCK_JOB_ERROR',
  'BLOCK_JOB_READY',
  'BLOCK_JOB_PENDING',
  'JOB_STATUS_CHANGE',
  'BLOCK_WRITE_THRESHOLD',
  'BLOCK_EXPORT_DELETED',
  'PR_MANAGER_STATUS_CHANGED',
  'COLO_EXIT',
];

function fieldsOf(t: TypeInfo): FieldInfo[] {
  return t.kind === 'enum' ? [] : t.fields;
}

describe('catalogue consistency', () => {
  const events = listEvents();

  it('has unique event names and 29 old-schema events', () => {
    expect(new Set(events.map((e) => e.name)).size).toBe(events.length);
    expect(events.filter((e) => e.inOldSchema)).toHaveLength(29);
  });

  it('covers the newer events QMP-FACTS lists, marked as not in the old schema', () => {
    for (const name of NEWER_FROM_QMP_FACTS) {
      const e = events.find((x) => x.name === name);
      expect(e, name).toBeDefined();
      expect(e?.inOldSchema, name).toBe(false);
      expect(e?.summary.length, name).toBeGreaterThan(10);
    }
  });

  it('uses only known categories and severities (never "other" for a catalogued event)', () => {
    const categories = new Set<string>(CATEGORIES.map((c) => c.id).filter((c) => c !== 'other'));
    const severities = new Set(SEVERITIES.map((s) => s.id));
    for (const e of events) {
      expect(categories.has(e.category), e.name).toBe(true);
      expect(severities.has(e.severity), e.name).toBe(true);
    }
  });

  it('refers only to built-in or described types', () => {
    const allFields = [...events.flatMap((e) => e.fields), ...ALL_TYPES.flatMap(fieldsOf)];
    for (const f of allFields) {
      expect(BUILTINS.has(f.type) || getTypeInfo(f.type) !== undefined, `${f.name}: ${f.type}`).toBe(true);
    }
    for (const t of ALL_TYPES) {
      if (t.kind === 'union') for (const v of Object.values(t.variants)) expect(getTypeInfo(v)?.kind, v).toBe('struct');
    }
  });

  it('marks every later field with its since version and as optional', () => {
    for (const f of events.flatMap((e) => e.fields).filter((x) => !x.inOldSchema)) {
      expect(f.since, f.name).toMatch(/^\d+\.\d+/);
      expect(f.optional, f.name).toBe(true);
    }
  });

  it('gives every event, field and enum value a description', () => {
    for (const e of events) {
      expect(e.summary, e.name).toMatch(/\.$/);
      for (const f of e.fields) expect(f.description.length, `${e.name}.${f.name}`).toBeGreaterThan(5);
    }
    for (const t of ALL_TYPES) {
      if (t.kind === 'enum') for (const v of t.values) expect(v.description.length, `${t.name}.${v.value}`).toBeGreaterThan(3);
    }
  });
});
