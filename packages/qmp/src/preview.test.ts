import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { previewValue } from './preview.js';

describe('previewValue', () => {
  it('writes JSON for small values', () => {
    expect(previewValue({ a: [1, 'x', null, true] })).toBe('{"a":[1,"x",null,true]}');
    expect(previewValue('a\nb')).toBe('"a\\nb"');
  });

  it('stays within its budget for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 1, max: 300 }), (v, max) => {
        expect(previewValue(v, max).length).toBeLessThanOrEqual(max + 1);
      }),
      { numRuns: 1000 },
    );
  });

  it('is bounded in stack and time by nesting and size that JSON.stringify cannot handle', () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)) as unknown;
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    expect(previewValue(deep)).toBe(`${'['.repeat(9)}…${']'.repeat(9)}`);
    const wide = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, 'v'.repeat(100)]));
    const started = performance.now();
    expect(previewValue(wide, 50).length).toBe(51);
    expect(previewValue('s'.repeat(50_000_000), 20)).toBe('"sssssssssssssssssss…');
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
