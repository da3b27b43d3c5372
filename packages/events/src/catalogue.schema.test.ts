/**
 * Holds the catalogue to QEMU's own schema: every event and data field of
 * /work/shared/qapi/event.json must be catalogued with the same type, optionality
 * and "since" version. Skipped, with a warning, where that file is not present.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getEventInfo, listEvents } from './lookup.js';

const schemaUrl = new URL('../../../../shared/qapi/event.json', import.meta.url);
const schemaPath = fileURLToPath(schemaUrl);
const exists = existsSync(schemaPath);
if (!exists) {
  console.warn(`catalogue.schema.test: ${schemaPath} not found (a clone outside the qmpscope setup?); schema checks skipped.`);
}

interface SchemaField {
  name: string;
  type: string;
  optional: boolean;
  since: string | undefined;
}

interface SchemaEvent {
  name: string;
  since: string | undefined;
  fields: SchemaField[];
}

/** QAPI files are Python-ish: '#' comment lines and single-quoted dict literals. */
function parseExpressions(text: string): Array<Record<string, unknown>> {
  const code = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n');
  const expressions: Array<Record<string, unknown>> = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < code.length; i += 1) {
    const c = code[i];
    if (c === '{') {
      if (depth === 0) start = i;
      depth += 1;
    } else if (c === '}') {
      depth -= 1;
      if (depth === 0) expressions.push(JSON.parse(code.slice(start, i + 1).replaceAll("'", '"')) as Record<string, unknown>);
    }
  }
  return expressions;
}

/** The doc comment of each event: its "Since:" and each field's "(since X)". */
function parseDocs(text: string): Map<string, { since: string | undefined; fieldSince: Map<string, string> }> {
  const docs = new Map<string, { since: string | undefined; fieldSince: Map<string, string> }>();
  const blocks = text.split(/^# @(?=[A-Z_]+:)/m).slice(1);
  for (const block of blocks) {
    const name = block.slice(0, block.indexOf(':'));
    const comment = block
      .split('\n')
      .filter((l) => l.startsWith('#'))
      .map((l) => l.replace(/^#\s?/, ''));
    const since = comment.map((l) => /^Since:\s*(\S+)/.exec(l)?.[1]).find((v) => v !== undefined);
    const fieldSince = new Map<string, string>();
    // A field's doc runs from "@name:" to the next blank comment line.
    const paragraphs = comment.join('\n').split(/\n\s*\n/);
    for (const p of paragraphs) {
      const field = /^@([\w-]+):/.exec(p)?.[1];
      const fieldVersion = /\(since (\d[\d.]*)\)/i.exec(p)?.[1];
      if (field !== undefined && fieldVersion !== undefined) fieldSince.set(field, fieldVersion);
    }
    docs.set(name, { since, fieldSince });
  }
  return docs;
}

function loadSchema(): SchemaEvent[] {
  const text = readFileSync(schemaPath, 'utf8');
  const docs = parseDocs(text);
  return parseExpressions(text)
    .filter((e) => typeof e.event === 'string')
    .map((e) => {
      const name = e.event as string;
      const data = (e.data ?? {}) as Record<string, string>;
      const doc = docs.get(name);
      return {
        name,
        since: doc?.since,
        fields: Object.entries(data).map(([key, type]) => {
          const optional = key.startsWith('*');
          const fieldName = optional ? key.slice(1) : key;
          return { name: fieldName, type, optional, since: doc?.fieldSince.get(fieldName) };
        }),
      };
    });
}

describe.skipIf(!exists)('catalogue against qapi/event.json', () => {
  const schema = exists ? loadSchema() : [];

  it('parses the schema file (sanity check of this test)', () => {
    expect(schema).toHaveLength(29);
    expect(schema.find((e) => e.name === 'QUORUM_REPORT_BAD')?.fields.find((f) => f.name === 'error')?.optional).toBe(true);
    expect(schema.find((e) => e.name === 'SHUTDOWN')?.fields[0]?.since).toBe('2.10');
  });

  it.each(schema.map((e) => [e.name, e] as const))('%s is catalogued with the same fields and since', (name, ev) => {
    const info = getEventInfo(name);
    expect(info, `${name} missing from the catalogue`).toBeDefined();
    if (info === undefined) return;
    expect(info.inOldSchema).toBe(true);
    expect(info.since).toBe(ev.since);
    for (const f of ev.fields) {
      const mine = info.fields.find((c) => c.name === f.name);
      expect(mine, `${name}.${f.name} missing from the catalogue`).toBeDefined();
      expect({ type: mine?.type, optional: mine?.optional, since: mine?.since, inOldSchema: mine?.inOldSchema }).toEqual({
        type: f.type,
        optional: f.optional,
        since: f.since,
        inOldSchema: true,
      });
    }
    const extra = info.fields.filter((c) => c.inOldSchema && !ev.fields.some((f) => f.name === c.name));
    expect(
      extra.map((c) => c.name),
      `${name}: fields claimed to be in the old schema but absent there`,
    ).toEqual([]);
  });

  it('claims no event to be in the old schema that is not there', () => {
    const names = new Set(schema.map((e) => e.name));
    const claimed = listEvents()
      .filter((e) => e.inOldSchema)
      .map((e) => e.name);
    expect(claimed.filter((n) => !names.has(n))).toEqual([]);
  });
});
