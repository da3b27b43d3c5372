import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseStoredEvent, parseStoredEventBatch } from './storedEvent.js';

const good = {
  seq: 42,
  vm: 'vm1',
  event: 'BALLOON_CHANGE',
  data: { actual: 1073741824, nested: { list: [1, 'two', null, true] } },
  timestamp: { seconds: 1267020223, microseconds: 435656 },
  receivedAt: 1267020223437.25,
};

describe('parseStoredEvent', () => {
  it('accepts a well-formed event, with or without data', () => {
    expect(parseStoredEvent(good)).toEqual(good);
    const { data: _data, ...noData } = good;
    const parsed = parseStoredEvent(noData);
    expect(parsed).toEqual(noData);
    expect(parsed !== null && 'data' in parsed).toBe(false);
  });

  it('accepts QEMU\'s -1/-1 "clock unavailable" timestamp', () => {
    expect(parseStoredEvent({ ...good, timestamp: { seconds: -1, microseconds: -1 } })).not.toBeNull();
  });

  it('drops unknown keys', () => {
    expect(parseStoredEvent({ ...good, extra: 'x' })).toEqual(good);
  });

  it.each([
    ['not an object', 'x'],
    ['null', null],
    ['an array', [good]],
    ['negative seq', { ...good, seq: -1 }],
    ['fractional seq', { ...good, seq: 1.5 }],
    ['seq as string', { ...good, seq: '42' }],
    ['empty vm', { ...good, vm: '' }],
    ['missing event', { ...good, event: undefined }],
    ['data null', { ...good, data: null }],
    ['data an array', { ...good, data: [1] }],
    ['data with NaN', { ...good, data: { x: Number.NaN } }],
    ['data with undefined', { ...good, data: { x: undefined } }],
    ['data a class instance', { ...good, data: new Date() }],
    ['timestamp missing', { ...good, timestamp: undefined }],
    ['microseconds too large', { ...good, timestamp: { seconds: 1, microseconds: 1_000_000 } }],
    ['half-unavailable timestamp', { ...good, timestamp: { seconds: -1, microseconds: 0 } }],
    ['receivedAt a string', { ...good, receivedAt: '2024' }],
    ['receivedAt infinite', { ...good, receivedAt: Number.POSITIVE_INFINITY }],
  ])('refuses %s', (_label, input) => {
    expect(parseStoredEvent(input)).toBeNull();
  });

  it('accepts any JSON object as data', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (data) => {
        expect(parseStoredEvent({ ...good, data })?.data).toEqual(data);
      }),
    );
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.anything({ withObjectString: true, withNullPrototype: true, withMap: true }), (x) => {
        parseStoredEvent(x);
        parseStoredEvent({ ...good, data: x });
      }),
    );
  });
});

describe('parseStoredEventBatch', () => {
  it('is all-or-nothing', () => {
    expect(parseStoredEventBatch([good, { ...good, seq: 43 }])).toHaveLength(2);
    expect(parseStoredEventBatch([good, { ...good, seq: -4 }])).toBeNull();
    expect(parseStoredEventBatch([])).toEqual([]);
    expect(parseStoredEventBatch({})).toBeNull();
  });
});
