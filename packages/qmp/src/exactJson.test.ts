import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQmpJson, quoteUnsafeIntegers } from './exactJson.js';

describe('parseQmpJson', () => {
  it('keeps uint64 values exact as strings of digits', () => {
    expect(parseQmpJson('{"a": 18446744073709551615, "b": -9007199254740993, "c": 9007199254740991}')).toEqual({
      a: '18446744073709551615',
      b: '-9007199254740993',
      c: 9007199254740991,
    });
  });

  it('leaves digits inside strings, floats and exponents alone', () => {
    expect(parseQmpJson('{"s": "12345678901234567890", "f": 12345678901234567890.5, "e": 1e300, "n": 90071992547409930}')).toEqual({
      s: '12345678901234567890',
      // eslint-disable-next-line no-loss-of-precision -- a float keeps JavaScript's rounding, the same in the literal and the parsed text.
      f: 12345678901234567890.5,
      e: 1e300,
      n: '90071992547409930',
    });
  });

  it('handles escaped quotes before a big integer', () => {
    expect(parseQmpJson('["a\\"b", 100000000000000000000]')).toEqual(['a"b', '100000000000000000000']);
  });

  it('throws SyntaxError on invalid JSON like JSON.parse', () => {
    expect(() => parseQmpJson('{"a": 99999999999999999999')).toThrow(SyntaxError);
    expect(() => parseQmpJson('nope')).toThrow(SyntaxError);
  });

  it('round-trips any 64-bit integer exactly', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }), (b) => {
        const v = parseQmpJson(`{"x": [${b.toString()}]}`) as { x: [number | string] };
        const got = v.x[0];
        if (b > BigInt(Number.MAX_SAFE_INTEGER) || b < -BigInt(Number.MAX_SAFE_INTEGER)) expect(got).toBe(b.toString());
        else expect(got).toBe(Number(b));
      }),
    );
  });

  it('quoteUnsafeIntegers returns the same text when nothing is unsafe', () => {
    const text = '{"a": 1, "b": "x"}';
    expect(quoteUnsafeIntegers(text)).toBe(text);
  });
});
