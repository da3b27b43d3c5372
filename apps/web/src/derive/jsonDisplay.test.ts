import { describe, expect, it } from 'vitest';
import { anyCut, firstParts, jsonParts, type JsonPart } from './jsonDisplay';

const text = (parts: JsonPart[]) => parts.map((p) => (p.kind === 'syntax' ? p.text : p.literal)).join('');

describe('jsonParts', () => {
  it('lays values out as JSON.stringify(v, null, 2) does', () => {
    const samples: unknown[] = [
      { seq: 1, vm: 'demo', event: 'STOP', data: undefined, timestamp: { seconds: 1, microseconds: 2 }, receivedAt: 3.5 },
      { a: [], b: {}, c: [1, 'two', null, true, { d: [[]] }], 'key "quoted"': 'tab\there', e: -0.5 },
      [],
      'plain',
      { unicode: '\u202Eevil ✓ 😀', nested: { deeper: { deepest: [false] } } },
    ];
    for (const v of samples) {
      const parts = jsonParts(v, Infinity);
      expect(text(parts)).toBe(JSON.stringify(v, null, 2));
      expect(anyCut(parts)).toBe(false);
    }
  });

  it('cuts long strings and keys and says how much was left out', () => {
    const parts = jsonParts({ ['k'.repeat(30)]: 'v'.repeat(1_000_000), short: 'ok' }, 10);
    const strings = parts.filter((p) => p.kind === 'string');
    expect(strings).toEqual([
      { kind: 'string', literal: `"${'k'.repeat(10)}"`, more: 20 },
      { kind: 'string', literal: `"${'v'.repeat(10)}"`, more: 999_990 },
      { kind: 'string', literal: '"short"', more: 0 },
      { kind: 'string', literal: '"ok"', more: 0 },
    ]);
    expect(anyCut(parts)).toBe(true);
  });

  it('walks deep nesting with a stack of its own', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 3_000; i++) deep = [deep];
    const parts = jsonParts(deep, 100);
    expect(parts.some((p) => p.kind === 'string' && p.literal === '"bottom"')).toBe(true);
  });

  it('draws about the first characters of a value with very many members, and counts the rest', () => {
    const many = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]));
    const all = jsonParts(many, 2000);
    const { shown, restChars } = firstParts(all, 50_000);
    const shownText = text([...shown]);
    expect(shownText.length).toBeGreaterThanOrEqual(50_000);
    expect(shownText.length).toBeLessThan(50_100);
    expect(shownText.length + restChars).toBe(JSON.stringify(many, null, 2).length);
    expect(firstParts(jsonParts({ a: 1 }, 2000), 50_000)).toEqual({ shown: jsonParts({ a: 1 }, 2000), restChars: 0 });
  });
});
