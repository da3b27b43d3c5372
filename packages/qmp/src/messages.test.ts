import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classifyMessage } from './messages.js';
import type { JsonObject, JsonValue } from './types.js';

const json = fc.jsonValue() as fc.Arbitrary<JsonValue>;
const isObj = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The validation rule, stated independently of the implementation. */
function wellFormed(m: { event?: JsonValue; timestamp?: JsonValue; data?: JsonValue }): boolean {
  const ts = m.timestamp;
  // A QAPI-style name: a letter, then letters, digits, _ . -; at most 128 characters.
  return (
    typeof m.event === 'string' &&
    /^[A-Za-z][\w.-]{0,127}$/.test(m.event) &&
    isObj(ts) &&
    typeof ts['seconds'] === 'number' &&
    typeof ts['microseconds'] === 'number' &&
    (m.data === undefined || isObj(m.data))
  );
}

const candidate = fc.record(
  {
    event: fc.oneof(fc.constantFrom('STOP', 'RESUME', 'X_UNKNOWN', 'x-vendor.EVENT', '', ' ', 'STOP\r\nFAKE', 'A'.repeat(129)), json),
    timestamp: fc.oneof(
      fc.record({
        seconds: fc.oneof(fc.integer(), fc.constant(-1), json),
        microseconds: fc.oneof(fc.integer({ min: -1, max: 999_999 }), json),
      }),
      json,
    ),
    data: fc.oneof(fc.dictionary(fc.string(), json, { maxKeys: 4 }), json),
  },
  { requiredKeys: ['event'] },
);

describe('classifyMessage properties', () => {
  it('never throws on any JSON value and always says what it is', () => {
    fc.assert(
      fc.property(json, (v) => {
        const m = classifyMessage(v, 1);
        expect(['greeting', 'event', 'return', 'error', 'invalid-event', 'unexpected']).toContain(m.type);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts an event exactly when it is well-formed, and keeps its data and timestamp as sent', () => {
    fc.assert(
      fc.property(candidate, (raw) => {
        const m = classifyMessage(raw as JsonObject, 42);
        expect(m.type).toBe(wellFormed(raw) ? 'event' : 'invalid-event');
        if (m.type === 'event') {
          expect(m.event.event).toBe(raw.event);
          expect(m.event.timestamp).toEqual({
            seconds: (raw.timestamp as JsonObject)['seconds'],
            microseconds: (raw.timestamp as JsonObject)['microseconds'],
          });
          expect(m.event.data).toEqual(raw.data);
          expect(m.event.receivedAt).toBe(42);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on values nested far deeper than any stack allows, and keeps its reasons short', () => {
    const deepArray = JSON.parse('['.repeat(200_000) + ']'.repeat(200_000)) as JsonValue;
    const deepObject = JSON.parse('{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000)) as JsonValue;
    for (const deep of [deepArray, deepObject]) {
      for (const m of [
        deep,
        { event: deep },
        { event: 'STOP', timestamp: deep },
        { error: deep, id: deep },
        { return: 1, id: deep },
        { QMP: deep },
      ]) {
        const c = classifyMessage(m as JsonValue, 0);
        if ('reason' in c) expect(c.reason.length).toBeLessThan(400);
        if (c.type === 'error') expect(c.desc.length).toBeLessThan(400);
      }
    }
  });

  it('keeps the reason short for a huge invalid event (it goes to logs)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1000, maxLength: 5000 }), (blob) => {
        const m = classifyMessage({ event: 'STOP', timestamp: blob }, 0);
        expect(m.type).toBe('invalid-event');
        if (m.type === 'invalid-event') expect(m.reason.length).toBeLessThan(400);
      }),
      { numRuns: 50 },
    );
  });
});
