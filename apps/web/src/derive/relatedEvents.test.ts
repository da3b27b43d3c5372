import { describe, expect, it } from 'vitest';
import type { JsonObject, StoredEvent } from '@qmpscope/events';
import { describeRelated, RelatedBuilder, relatedEvents } from './relatedEvents';

let seq = 0;
const ev = (vm: string, event: string, ms: number, data?: JsonObject): StoredEvent => ({
  seq: ++seq,
  vm,
  event,
  ...(data ? { data } : {}),
  timestamp: { seconds: Math.floor(ms / 1000), microseconds: (ms % 1000) * 1000 },
  receivedAt: ms,
});
const mig = (vm: string, status: string, ms: number) => ev(vm, 'MIGRATION', ms, { status });
const pass = (vm: string, n: number, ms: number) => ev(vm, 'MIGRATION_PASS', ms, { pass: n });

describe('relatedEvents', () => {
  it('draws one band per migration per VM, with its passes inside', () => {
    const r = relatedEvents([
      mig('a', 'setup', 1000),
      mig('b', 'setup', 1100),
      mig('a', 'active', 1200),
      pass('a', 1, 1300),
      pass('b', 1, 1350),
      pass('a', 2, 1400),
      mig('b', 'failed', 1500),
      pass('a', 3, 1600),
      mig('a', 'completed', 1700),
      pass('a', 9, 9000),
    ]);
    expect(r.migrations).toHaveLength(2);
    const [a, b] = r.migrations;
    expect(a).toMatchObject({ vm: 'a', from: 1000, to: 1700, statuses: ['setup', 'active', 'completed'] });
    expect(a?.passes.map((p) => p.data?.['pass'])).toEqual([1, 2, 3]);
    expect(b).toMatchObject({ vm: 'b', from: 1100, to: 1500, statuses: ['setup', 'failed'] });
    expect(b?.passes).toHaveLength(1);
    expect(describeRelated(r)).toBe('2 migrations (a: setup → completed, 3 passes; b: setup → failed, 1 pass)');
  });

  it('keeps a running migration open and cuts an abandoned one at the next setup', () => {
    const r = relatedEvents([
      mig('a', 'setup', 0),
      mig('a', 'active', 10),
      mig('a', 'setup', 50),
      mig('a', 'active', 60),
      mig('a', 'none', 70),
    ]);
    expect(r.migrations.map((m) => [m.from, m.to, m.end?.seq ?? null])).toEqual([
      [0, 50, null],
      [50, null, null],
    ]);
    expect(describeRelated(r)).toMatch(/a: setup → unfinished, 0 passes; a: setup → running/);
  });

  it('starts a band at the first status an incoming side sees', () => {
    const r = relatedEvents([mig('dst', 'active', 5), mig('dst', 'completed', 9)]);
    expect(r.migrations[0]).toMatchObject({ from: 5, to: 9, statuses: ['active', 'completed'] });
  });

  it('links STOP after SHUTDOWN and the action after WATCHDOG, same VM, within 2 s', () => {
    const shutdown = ev('a', 'SHUTDOWN', 1000, { guest: true, reason: 'guest-shutdown' });
    const otherVm = ev('b', 'STOP', 1001);
    const stop = ev('a', 'STOP', 1002);
    const dog = ev('a', 'WATCHDOG', 5000, { action: 'reset' });
    const reset = ev('a', 'RESET', 5000.5);
    const lateDog = ev('a', 'WATCHDOG', 9000, { action: 'pause' });
    const tooLate = ev('a', 'STOP', 11_500);
    const r = relatedEvents([shutdown, otherVm, stop, dog, reset, lateDog, tooLate]);
    expect(r.links.map((l) => [l.kind, l.cause.seq, l.effect.seq])).toEqual([
      ['shutdown-stop', shutdown.seq, stop.seq],
      ['watchdog-action', dog.seq, reset.seq],
    ]);
    expect(describeRelated(r)).toBe('1 shutdown followed by STOP; 1 watchdog followed by its action');
  });

  it('links each cause once, and a watchdog SHUTDOWN to the STOP after it', () => {
    const dog = ev('a', 'WATCHDOG', 0, { action: 'shutdown' });
    const shutdown = ev('a', 'SHUTDOWN', 1, { guest: false, reason: 'watchdog' });
    const stop = ev('a', 'STOP', 2);
    const stop2 = ev('a', 'STOP', 3);
    const r = relatedEvents([dog, shutdown, stop, stop2]);
    expect(r.links.map((l) => [l.cause.seq, l.effect.seq])).toEqual([
      [dog.seq, shutdown.seq],
      [shutdown.seq, stop.seq],
    ]);
  });

  it('collects every guest panic', () => {
    const p = ev('a', 'GUEST_PANICKED', 0, { action: 'pause' });
    const r = relatedEvents([ev('a', 'STOP', 0), p]);
    expect(r.panics).toEqual([p]);
    expect(describeRelated(r)).toBe('1 guest panic');
    expect(describeRelated(relatedEvents([]))).toBe('');
  });
});

describe('RelatedBuilder', () => {
  const history = () => [
    mig('a', 'setup', 1000),
    ev('b', 'WATCHDOG', 1010),
    ev('b', 'RESET', 1011),
    mig('a', 'active', 1200),
    pass('a', 1, 1300),
    ev('c', 'SHUTDOWN', 1400),
    ev('c', 'STOP', 1401),
    ev('d', 'GUEST_PANICKED', 1500),
    pass('a', 2, 1600),
    mig('a', 'completed', 1700),
  ];
  it('gives what relatedEvents gives at every length, reading the appended events only', () => {
    const all = history();
    const b = new RelatedBuilder();
    for (let n = 0; n <= all.length; n++) {
      const got = b.update(all.slice(0, n));
      expect(describeRelated(got)).toBe(describeRelated(relatedEvents(all.slice(0, n))));
      expect(got.links.map((l) => l.effect.seq)).toEqual(relatedEvents(all.slice(0, n)).links.map((l) => l.effect.seq));
    }
  });
  it('keeps the same result while nothing related arrives, and rebuilds when the list changed', () => {
    const all = history();
    const b = new RelatedBuilder();
    const first = b.update(all);
    expect(b.update([...all, ev('a', 'RTC_CHANGE', 1800)])).toBe(first);
    const other = b.update(all.slice(5));
    expect(other).not.toBe(first);
    expect(describeRelated(other)).toBe(describeRelated(relatedEvents(all.slice(5))));
    expect(describeRelated(other)).not.toMatch(/watchdog/);
  });
});

describe('RelatedBuilder stepping back', () => {
  it('gives the earlier result again for the earlier list, without a rebuild', () => {
    const b = new RelatedBuilder();
    const older = [ev('d', 'GUEST_PANICKED', 10)];
    const newer = [...older, ev('e', 'GUEST_PANICKED', 20)];
    const r1 = b.update(older);
    const r2 = b.update(newer);
    expect(b.update(older)).toBe(r1);
    expect(b.update(newer)).toBe(r2);
    expect(b.update([...newer, ev('f', 'GUEST_PANICKED', 30)]).panics).toHaveLength(3);
  });
});
