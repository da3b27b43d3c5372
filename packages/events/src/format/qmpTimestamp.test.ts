import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatQmpTimestamp, isClockUnavailable, timestampToMicros } from './qmpTimestamp.js';

describe('formatQmpTimestamp', () => {
  it('keeps all six microsecond digits (UTC)', () => {
    // 2026-11-25T17:19:25Z
    const seconds = Date.UTC(2026, 10, 25, 17, 19, 25) / 1000;
    expect(formatQmpTimestamp({ seconds, microseconds: 123456 }, 'utc')).toBe('2026-11-25 17:19:25.123456');
    expect(formatQmpTimestamp({ seconds, microseconds: 7 }, 'utc')).toBe('2026-11-25 17:19:25.000007');
  });

  it('formats local time by default', () => {
    const seconds = 1267040730;
    const d = new Date(seconds * 1000);
    const local = formatQmpTimestamp({ seconds, microseconds: 682951 });
    expect(local).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.682951$/);
    expect(local.slice(11, 13)).toBe(String(d.getHours()).padStart(2, '0'));
  });

  it('says when QEMU could not read the clock, and refuses malformed values', () => {
    expect(formatQmpTimestamp({ seconds: -1, microseconds: -1 })).toBe('clock unavailable');
    expect(formatQmpTimestamp({ seconds: 1, microseconds: 1_000_000 })).toBe('invalid timestamp');
    expect(formatQmpTimestamp({ seconds: -5, microseconds: 0 })).toBe('invalid timestamp');
    expect(formatQmpTimestamp({ seconds: 1.5, microseconds: 0 })).toBe('invalid timestamp');
  });
});

describe('timestampToMicros', () => {
  it('combines seconds and microseconds exactly', () => {
    expect(timestampToMicros({ seconds: 1267040730, microseconds: 682951 })).toBe(1267040730682951);
    expect(timestampToMicros({ seconds: 0, microseconds: 0 })).toBe(0);
  });

  it('is NaN for -1/-1', () => {
    expect(isClockUnavailable({ seconds: -1, microseconds: -1 })).toBe(true);
    expect(timestampToMicros({ seconds: -1, microseconds: -1 })).toBeNaN();
  });

  it('orders like (seconds, microseconds)', () => {
    const ts = fc.record({ seconds: fc.integer({ min: 0, max: 4_102_444_800 }), microseconds: fc.integer({ min: 0, max: 999_999 }) });
    fc.assert(
      fc.property(ts, ts, (a, b) => {
        const byPair = a.seconds - b.seconds || a.microseconds - b.microseconds;
        expect(Math.sign(timestampToMicros(a) - timestampToMicros(b))).toBe(Math.sign(byPair));
      }),
    );
  });
});
