import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeTimestamp, encodeTimestamp, receivedMicros, receivedMillis } from './storedTimestamp.js';

describe('stored timestamps', () => {
  it('keeps a regular timestamp in one integer', () => {
    expect(encodeTimestamp({ seconds: 1_700_000_000, microseconds: 5 })).toEqual({ tsUs: 1_700_000_000_000_005, exact: null });
  });

  it('keeps the exact pair when the integer would not give it back', () => {
    for (const ts of [
      { seconds: -1, microseconds: -1 },
      { seconds: 5, microseconds: 1_000_000 },
      { seconds: 1.5, microseconds: 0 },
    ]) {
      const { tsUs, exact } = encodeTimestamp(ts);
      expect(exact).not.toBeNull();
      expect(decodeTimestamp(tsUs, exact)).toEqual(ts);
    }
  });

  it('round-trips any integer pair', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -2_000_000_000, max: 4_000_000_000 }),
        fc.integer({ min: -2, max: 1_000_002 }),
        (seconds, microseconds) => {
          const { tsUs, exact } = encodeTimestamp({ seconds, microseconds });
          expect(decodeTimestamp(tsUs, exact)).toEqual({ seconds, microseconds });
        },
      ),
    );
  });

  it('round-trips receipt times stamped at microsecond resolution', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_600_000_000_000_000, max: 2_000_000_000_000_000 }), (us) => {
        const receivedAt = us / 1000;
        expect(receivedMillis(receivedMicros(receivedAt))).toBe(receivedAt);
      }),
    );
  });
});
