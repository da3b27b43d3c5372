import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseVirshLine } from './virshLine.js';

describe('parseVirshLine', () => {
  it('reads the lines virsh 9.0 printed for a real domain, timestamp and data as QEMU sent them', () => {
    expect(parseVirshLine('event BALLOON_CHANGE at 1796376355.866036 for domain \'lvx-test\': {"actual":401604608}')).toEqual({
      kind: 'monitor-event',
      domain: 'lvx-test',
      event: 'BALLOON_CHANGE',
      timestamp: { seconds: 1796376355, microseconds: 866036 },
      data: { actual: 401604608 },
    });
    expect(parseVirshLine("event STOP at 1796376355.000008 for domain 'lvx-test': <null>")).toEqual({
      kind: 'monitor-event',
      domain: 'lvx-test',
      event: 'STOP',
      timestamp: { seconds: 1796376355, microseconds: 8 },
    });
    expect(parseVirshLine("event 'lifecycle' for domain 'lvx-test': Started Booted")).toEqual({
      kind: 'lifecycle',
      domain: 'lvx-test',
      change: 'Started',
      detail: 'Booted',
    });
    expect(parseVirshLine("event 'lifecycle' for domain 'a b': Undefined Removed")).toEqual({
      kind: 'lifecycle',
      domain: 'a b',
      change: 'Undefined',
      detail: 'Removed',
    });
    expect(parseVirshLine('events received: 7')).toEqual({ kind: 'ignored' });
    expect(parseVirshLine('')).toEqual({ kind: 'ignored' });
  });

  it("keeps QEMU's -1/-1 (clock unreadable), printed by virsh as an unsigned -1", () => {
    expect(parseVirshLine('event RESET at -1.4294967295 for domain \'d\': {"guest":false}')).toMatchObject({
      timestamp: { seconds: -1, microseconds: -1 },
    });
  });

  it('keeps integers beyond 2^53 exact, as the QMP client does', () => {
    const line = `event GUEST_PANICKED at 1.000001 for domain 'd': {"action":"pause","info":{"type":"hyper-v","arg1":18446744073709551615}}`;
    expect(parseVirshLine(line)).toMatchObject({ data: { info: { arg1: '18446744073709551615' } } });
  });

  it("finds where a domain name containing `': ` ends", () => {
    const line = `event STOP at 5.000000 for domain 'odd': name': {"x":1}`;
    expect(parseVirshLine(line)).toMatchObject({ domain: "odd': name", data: { x: 1 } });
    expect(parseVirshLine(`event STOP at 5.000000 for domain 'odd': name': <null>`)).toMatchObject({ domain: "odd': name" });
  });

  it.each([
    ['garbage', 'hello'],
    ['an error line', 'error: internal error: client socket is closed'],
    ['data that is not JSON', "event STOP at 1.000000 for domain 'd': {broken"],
    ['data that is an array', "event STOP at 1.000000 for domain 'd': [1]"],
    ['microseconds past a second', "event STOP at 1.1000000 for domain 'd': <null>"],
    ['an event name with spaces', "event A B at 1.000000 for domain 'd': <null>"],
    ['no domain', 'event STOP at 1.000000 for domain '],
  ])('calls %s malformed', (_label, line) => {
    expect(parseVirshLine(line).kind).toBe('malformed');
  });

  it('never throws, whatever the line', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ maxLength: 40 }), (tail, name) => {
        parseVirshLine(tail);
        parseVirshLine(`event ${name} at 1.000000 for domain '${tail}`);
        parseVirshLine(`event 'lifecycle' for domain '${name}': ${tail}`);
      }),
    );
  });
});
