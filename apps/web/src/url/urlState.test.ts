import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_URL_VIEW, isDeliberateChange, parseUrlView, serializeUrlView, shareableView, type UrlView } from './urlState';

describe('urlState', () => {
  it('a plain URL is the default view, and the default view writes a plain URL', () => {
    expect(parseUrlView('')).toEqual(DEFAULT_URL_VIEW);
    expect(serializeUrlView(DEFAULT_URL_VIEW)).toBe('');
  });
  it('reads every parameter', () => {
    const v = parseUrlView(
      '?vm=a,b&ev=STOP&cat=power&sev=error,warning&q=disk%201&from=2024-01-02T03:04:05.678Z&to=1704171000000&sel=42&tab=rtc&paused=1',
    );
    expect(v.filters).toEqual({
      vms: ['a', 'b'],
      names: ['STOP'],
      categories: ['power'],
      severities: ['error', 'warning'],
      text: 'disk 1',
    });
    expect(v.range).toEqual({ kind: 'absolute', from: Date.parse('2024-01-02T03:04:05.678Z'), to: 1704171000000 });
    expect(v).toMatchObject({ sel: 42, tab: 'rtc', paused: true });
    expect(parseUrlView('?range=15m').range).toEqual({ kind: 'relative', spanMs: 900_000 });
  });
  it('ignores malformed values', () => {
    const v = parseUrlView('?sel=abc&tab=nope&range=soon&from=x&to=y&vm=,,');
    expect(v).toEqual(DEFAULT_URL_VIEW);
    expect(parseUrlView('?from=2000&to=1000').range).toEqual(DEFAULT_URL_VIEW.range);
  });
  it('round-trips any view', () => {
    const name = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
    const view = fc.record({
      filters: fc.record({
        vms: fc.array(name, { maxLength: 3 }),
        names: fc.array(name, { maxLength: 3 }),
        categories: fc.array(name, { maxLength: 2 }),
        severities: fc.array(name, { maxLength: 2 }),
        text: fc.string({ maxLength: 20 }),
      }),
      range: fc.oneof(
        fc.constant({ kind: 'relative' as const, spanMs: null }),
        fc.constantFrom(30_000, 900_000, 3_600_000, 86_400_000).map((spanMs) => ({ kind: 'relative' as const, spanMs })),
        fc
          .tuple(fc.integer({ min: 0, max: 4e12 }), fc.integer({ min: 0, max: 1e9 }))
          .map(([from, d]) => ({ kind: 'absolute' as const, from, to: from + d })),
      ),
      sel: fc.option(fc.nat(), { nil: null }),
      tab: fc.constantFrom('all' as const, 'balloon' as const, 'rtc' as const, 'migration' as const),
      paused: fc.boolean(),
    });
    fc.assert(
      fc.property(view, (v: UrlView) => {
        expect(parseUrlView(serializeUrlView(v))).toEqual(v);
      }),
    );
  });
  it('pushes for deliberate changes, replaces for typing and pausing', () => {
    const base = DEFAULT_URL_VIEW;
    expect(isDeliberateChange(base, { ...base, sel: 3 })).toBe(true);
    expect(isDeliberateChange(base, { ...base, filters: { ...base.filters, vms: ['a'] } })).toBe(true);
    expect(isDeliberateChange(base, { ...base, filters: { ...base.filters, text: 'x' } })).toBe(false);
    expect(isDeliberateChange(base, { ...base, paused: true })).toBe(false);
  });
  it('makes live windows absolute for sharing', () => {
    expect(
      shareableView({ ...DEFAULT_URL_VIEW, range: { kind: 'relative', spanMs: 1000 }, sel: 5, paused: true }, 10_000, 1).range,
    ).toEqual({ kind: 'absolute', from: 9000, to: 10_000 });
    expect(shareableView(DEFAULT_URL_VIEW, 10_000, 1234.5).range).toEqual({ kind: 'absolute', from: 1234, to: 10_000 });
    expect(shareableView(DEFAULT_URL_VIEW, 10_000, undefined).range).toEqual({ kind: 'absolute', from: 10_000, to: 10_000 });
  });
});
