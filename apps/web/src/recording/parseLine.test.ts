import { describe, expect, it } from 'vitest';
import { MAX_STRING_CHARS } from './importLimits';
import { droppedDataMarker, MAX_DATA_DEPTH } from '@qmpscope/events';
import { parseLine } from './parseLine';

describe('parseLine', () => {
  it('reads our export line with vm and seq', () => {
    const r = parseLine(
      '{"event":"RTC_CHANGE","data":{"offset":78},"timestamp":{"seconds":1267020223,"microseconds":435656},"vm":"demo","seq":7}',
    );
    expect(r).toEqual({
      kind: 'event',
      event: { event: 'RTC_CHANGE', data: { offset: 78 }, timestamp: { seconds: 1267020223, microseconds: 435656 }, vm: 'demo', seq: 7 },
    });
  });
  it('reads a plain QMP event line as socat captures it, and a JSON-array element', () => {
    expect(parseLine('{"timestamp": {"seconds": 1, "microseconds": 2}, "event": "STOP"}')).toEqual({
      kind: 'event',
      event: { event: 'STOP', timestamp: { seconds: 1, microseconds: 2 } },
    });
    expect(parseLine('{"event":"STOP","timestamp":{"seconds":1,"microseconds":2},"vm":"a","seq":1},').kind).toBe('event');
    expect(parseLine('[')).toEqual({ kind: 'ignore' });
    expect(parseLine('   ')).toEqual({ kind: 'ignore' });
  });
  it('reads virsh qemu-monitor-event output, with and without --timestamp', () => {
    expect(parseLine('event SHUTDOWN at 1714558272.345678 for domain \'vm1\': {"guest":false,"reason":"host-signal"}')).toEqual({
      kind: 'event',
      event: {
        event: 'SHUTDOWN',
        timestamp: { seconds: 1714558272, microseconds: 345678 },
        vm: 'vm1',
        data: { guest: false, reason: 'host-signal' },
      },
    });
    expect(parseLine("2024-05-01 10:11:12.345+0000: event STOP for domain 'vm1': <null>")).toEqual({
      kind: 'event',
      event: { event: 'STOP', timestamp: { seconds: Date.UTC(2024, 4, 1, 10, 11, 12) / 1000, microseconds: 345000 }, vm: 'vm1' },
    });
    expect(parseLine('event RESUME at 5.000001 for domain web: <null>')).toMatchObject({ kind: 'event', event: { vm: 'web' } });
  });
  it('says why a line is skipped', () => {
    expect(parseLine('{"QMP":{"version":{}}}')).toEqual({ kind: 'skip', reason: 'QMP greeting, not an event' });
    expect(parseLine('{"return":{}}')).toMatchObject({ kind: 'skip', reason: expect.stringMatching(/response/) });
    expect(parseLine('{"event":"STOP"}')).toMatchObject({ kind: 'skip', reason: expect.stringMatching(/timestamp/) });
    expect(parseLine('{"event":"STOP","timestamp":{"seconds":1,"microseconds":0},"data":[1]}')).toMatchObject({
      kind: 'skip',
      reason: expect.stringMatching(/data/),
    });
    expect(parseLine('{"event":')).toMatchObject({ kind: 'skip', reason: expect.stringMatching(/invalid JSON/) });
    expect(parseLine('hello world')).toMatchObject({ kind: 'skip' });
    expect(parseLine("event STOP at 1.0 for domain 'a': {oops")).toMatchObject({ kind: 'skip', reason: expect.stringMatching(/not JSON/) });
  });
  it('bounds data depth like the bridge: deeper than MAX_DATA_DEPTH becomes the marker, up to it is kept', () => {
    const nest = (levels: number): string => `{"a":${'['.repeat(levels)}1${']'.repeat(levels)}}`;
    const line = (data: string) => `{"event":"X","timestamp":{"seconds":1,"microseconds":2},"data":${data}}`;
    const kept = parseLine(line(nest(MAX_DATA_DEPTH - 1)));
    expect(kept).toMatchObject({ kind: 'event', event: { data: JSON.parse(nest(MAX_DATA_DEPTH - 1)) as object } });
    for (const deep of [nest(MAX_DATA_DEPTH), nest(100_000)]) {
      expect(parseLine(line(deep))).toEqual({
        kind: 'event',
        event: { event: 'X', timestamp: { seconds: 1, microseconds: 2 }, data: droppedDataMarker() },
      });
    }
    const virsh = parseLine(`event X at 1.000002 for domain 'vm1': ${nest(5000)}`);
    expect(virsh).toMatchObject({ kind: 'event', event: { vm: 'vm1', data: droppedDataMarker() } });
  });

  it('keeps HTML in data as plain data', () => {
    const r = parseLine(
      '{"event":"VNC_CONNECTED","data":{"client":{"host":"<img src=x onerror=alert(1)>"}},"timestamp":{"seconds":1,"microseconds":0}}',
    );
    expect(r).toMatchObject({ kind: 'event', event: { data: { client: { host: '<img src=x onerror=alert(1)>' } } } });
  });
  it('skips a line holding a string (value or key) over 1 MiB, saying how long it is', () => {
    const at = (data: object) => JSON.stringify({ event: 'DEVICE_DELETED', data, timestamp: { seconds: 1, microseconds: 0 } });
    const long = 'd'.repeat(MAX_STRING_CHARS + 1);
    const reason = 'a string of 1,048,577 characters exceeds the 1 MiB limit (1,048,576 characters)';
    expect(parseLine(at({ device: long }))).toEqual({ kind: 'skip', reason });
    expect(parseLine(at({ nested: [{ [long]: 1 }] }))).toEqual({ kind: 'skip', reason });
    expect(parseLine(`event DEVICE_DELETED at 1.0 for domain 'a': {"device":"${long}"}`)).toEqual({ kind: 'skip', reason });
    expect(parseLine(at({ device: 'd'.repeat(MAX_STRING_CHARS) })).kind).toBe('event');
  });
  it('says why a line the splitter would not hold is skipped', () => {
    expect(parseLine({ chars: 31_457_300, longestString: 31_457_280 })).toEqual({
      kind: 'skip',
      reason: 'a string of 31,457,280 characters exceeds the 1 MiB limit (1,048,576 characters)',
    });
    expect(parseLine({ chars: 3_000_000, longestString: 10 })).toEqual({
      kind: 'skip',
      reason: "the line's 3,000,000 characters exceed the 2 MiB limit (2,097,152 characters)",
    });
  });
});
