import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { logLine, MAX_LOG_LINE_CHARS } from './logLine.js';

describe('logLine', () => {
  it('shows CR, LF, ANSI escapes, C1 controls and bidi overrides as visible escapes', () => {
    expect(logLine('desc\r\nqmpscope: vm x: forged\u001b[31mred\u009b2J\u202eevil')).toBe(
      'desc\\x0d\\x0aqmpscope: vm x: forged\\x1b[31mred\\x9b2J\\u202eevil',
    );
  });

  it('never lets a line break, escape or bidi control through, and bounds the length', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 6000 }), (s) => {
        const out = logLine(s);
        // eslint-disable-next-line no-control-regex -- the test looks for raw control characters.
        expect(out).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
        expect(out.length).toBeLessThan(MAX_LOG_LINE_CHARS * 6 + 60);
      }),
      { numRuns: 500 },
    );
  });
});
