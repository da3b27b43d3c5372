import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatBytes } from './formatBytes.js';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [512, '512 B'],
    [1023, '1023 B'],
    [1024, '1.00 KiB'],
    [1536, '1.50 KiB'],
    [536870912, '512.00 MiB'],
    [944766976, '901.00 MiB'],
    [1073741824, '1.00 GiB'],
    [1048575, '1.00 MiB'],
    [2 ** 40 * 3, '3.00 TiB'],
    [-2048, '-2.00 KiB'],
    [2n ** 64n - 1n, '16.00 EiB'],
  ] as const)('%s → %s', (n, text) => {
    expect(formatBytes(n)).toBe(text);
  });

  it('does not throw on non-finite numbers', () => {
    expect(formatBytes(Number.NaN)).toBe('NaN');
    expect(formatBytes(Number.POSITIVE_INFINITY)).toBe('Infinity');
  });

  it('always gives a number below 1024 with a known unit', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 2 ** 62, noNaN: true }), (n) => {
        const m = /^(\d+(?:\.\d\d)?) (B|KiB|MiB|GiB|TiB|PiB|EiB)$/.exec(formatBytes(n));
        expect(m).not.toBeNull();
        expect(Number(m?.[1])).toBeLessThan(1024);
      }),
    );
  });
});
