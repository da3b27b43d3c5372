import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEventQuery, type EventQueryResult } from './eventQuery.js';

const page = (qs: string, knownVms = ['a', 'b']): EventQueryResult => parseEventQuery(new URLSearchParams(qs), { knownVms, mode: 'page' });
const exportQ = (qs: string): EventQueryResult => parseEventQuery(new URLSearchParams(qs), { knownVms: ['a'], mode: 'export' });
const error = (r: EventQueryResult) => (r.ok ? null : r.error);

describe('parseEventQuery', () => {
  it('defaults to every event, limit 1000 (page) or none (export)', () => {
    expect(page('')).toEqual({ ok: true, query: { filter: {}, limit: 1000 } });
    expect(exportQ('')).toEqual({ ok: true, query: { filter: {}, limit: null } });
  });

  it('reads comma-separated and repeated vm/event lists', () => {
    const r = page('vm=a,b&vm=a&event=STOP,RESUME&event=RESET');
    expect(r.ok && r.query.filter).toEqual({ vms: ['a', 'b'], events: ['STOP', 'RESUME', 'RESET'] });
  });

  it('rejects unknown VMs naming the known ones', () => {
    expect(error(page('vm=a,x'))).toBe('unknown vm "x" (known: a, b)');
    expect(error(page('vm=x', []))).toBe('unknown vm "x" (known: none)');
  });

  it('validates limit', () => {
    expect(error(page('limit=abc'))).toBe('invalid limit "abc": expected an integer from 1 to 10000');
    expect(error(page('limit=0'))).toBe('invalid limit "0": expected an integer from 1 to 10000');
    expect(error(page('limit=10001'))).toBe('invalid limit "10001": expected an integer from 1 to 10000');
    expect(error(page('limit=1.5'))).toBe('invalid limit "1.5": expected an integer from 1 to 10000');
    expect(page('limit=10000').ok).toBe(true);
    expect(exportQ('limit=50000')).toEqual({ ok: true, query: { filter: {}, limit: 50000 } });
    expect(error(exportQ('limit=-1'))).toBe('invalid limit "-1": expected an integer >= 1');
    expect(error(page('limit=1&limit=2'))).toBe('limit given 2 times: give it once');
  });

  it('validates after', () => {
    expect(page('after=0').ok && page('after=0')).toEqual({ ok: true, query: { filter: { afterSeq: 0 }, limit: 1000 } });
    expect(error(page('after=-3'))).toBe('invalid after "-3": expected an integer >= 0');
    expect(error(page('after=9007199254740993'))).toBe('invalid after "9007199254740993": expected an integer >= 0');
  });

  it('reads from/to as ISO-8601 or epoch milliseconds, in microseconds', () => {
    const r = page('from=2024-05-01T12:00:00Z&to=1714565000123');
    expect(r.ok && r.query.filter).toEqual({ fromUs: Date.UTC(2024, 4, 1, 12) * 1000, toUs: 1714565000123000 });
    expect(error(page('from=yesterday'))).toBe(
      'invalid from "yesterday": expected an ISO-8601 time (2024-05-01T12:00:00Z) or epoch milliseconds',
    );
    expect(error(page('to=2024-13-45T00:00:00Z'))).toMatch(/^invalid to "2024-13-45T00:00:00Z"/);
    expect(error(page('from=2000&to=1000'))).toBe('invalid range: from "2000" is after to "1000"');
  });

  it('validates event names', () => {
    expect(error(page('event=STOP;DROP'))).toBe('invalid event "STOP;DROP": expected a QMP event name such as SHUTDOWN');
  });

  it('never throws and accepts exactly the integers 1..10000 as limit', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = page(`limit=${encodeURIComponent(s)}`);
        const expectedOk = /^\d+$/.test(s) && Number(s) >= 1 && Number(s) <= 10000;
        expect(r.ok).toBe(expectedOk);
      }),
    );
    fc.assert(fc.property(fc.string(), fc.string(), (k, v) => void page(`${encodeURIComponent(k)}=${encodeURIComponent(v)}`)));
  });
});
