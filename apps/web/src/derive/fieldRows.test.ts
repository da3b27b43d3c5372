import { describe, expect, it } from 'vitest';
import type { FieldInfo } from '@qmpscope/events';
import { fieldRows } from './fieldRows';

const info = (name: string, extra: Partial<FieldInfo> = {}): FieldInfo => ({
  name,
  type: 'int',
  optional: false,
  description: `about ${name}`,
  inOldSchema: true,
  ...extra,
});
const lookup = (path: readonly string[]) => {
  const key = path.join('.');
  if (key === 'actual') return info('actual', { unit: 'bytes' });
  if (key === 'info') return info('info', { type: 'GuestPanicInformation' });
  if (key === 'info.arg1') return info('arg1', { type: 'uint64' });
  if (key === 'list.name') return info('name', { type: 'str' });
  return undefined;
};
const fmt = (v: number, unit: string) => `${v} ${unit}`;

describe('fieldRows', () => {
  it('formats catalogue units and keeps the raw value', () => {
    expect(fieldRows({ actual: 1024 }, lookup, fmt)).toEqual([
      {
        path: 'actual',
        depth: 0,
        value: '1024 bytes (1024)',
        type: 'int',
        meaning: 'about actual',
        known: true,
        keys: ['actual'],
        raw: 1024,
      },
    ]);
  });
  it('flattens nested objects and arrays, describing array items by their key path', () => {
    const rows = fieldRows({ info: { arg1: '18446744073709551615' }, list: [{ name: 'x' }], extra: true }, lookup, fmt);
    expect(rows.map((r) => [r.path, r.depth, r.value, r.known])).toEqual([
      ['info', 0, '', true],
      ['info.arg1', 1, '18446744073709551615', true],
      ['list', 0, '1 item', false],
      ['list.0', 1, '', false],
      ['list.0.name', 2, 'x', true],
      ['extra', 0, 'true', false],
    ]);
    expect(rows.at(-1)?.meaning).toBe('not in the catalogue');
    expect(rows.at(-1)?.type).toBe('boolean');
  });
  it('gives no rows for an event without data', () => {
    expect(fieldRows(undefined, lookup, fmt)).toEqual([]);
  });
});
