import { describe, expect, it } from 'vitest';
import type { JsonObject, StoredEvent } from '@qmpscope/events';
import { ChartDataBuilder, migrationSummary, seriesSummary } from './chartData';

const ev = (seq: number, event: string, data?: JsonObject, vm = 'demo', seconds = seq): StoredEvent => ({
  seq,
  vm,
  event,
  ...(data ? { data } : {}),
  timestamp: { seconds, microseconds: 0 },
  receivedAt: seconds * 1000,
});

describe('ChartDataBuilder', () => {
  it('derives all series in one pass and only looks at appended events afterwards', () => {
    const b = new ChartDataBuilder();
    const list = [
      ev(1, 'BALLOON_CHANGE', { actual: 100 }),
      ev(2, 'STOP'),
      ev(3, 'RTC_CHANGE', { offset: -5 }),
      ev(4, 'MIGRATION', { status: 'active' }),
    ];
    const d1 = b.update(list);
    expect(d1.balloon.get('demo')).toEqual([{ x: 1000, y: 100, seq: 1 }]);
    expect(d1.rtc.get('demo')?.map((p) => p.y)).toEqual([-5]);
    expect(d1.marks.map((m) => m.status)).toEqual(['active']);
    // Only non-chart events arrive: the very same object comes back (no redraw).
    const resume = ev(5, 'RESUME');
    const d2 = b.update([...list, resume]);
    expect(d2).toBe(d1);
    const d3 = b.update([...list, resume, ev(6, 'MIGRATION_PASS', { pass: 1 }), ev(7, 'BALLOON_CHANGE', { actual: '200' })]);
    expect(d3.passes.get('demo')?.length).toBe(1);
    expect(d3.balloon.get('demo')?.map((p) => p.y)).toEqual([100, 200]);
    // The changed kind is a new Map (a redraw); its points were appended, not copied.
    expect(d3.balloon).not.toBe(d1.balloon);
    expect(d3.balloon.get('demo')).toBe(d1.balloon.get('demo'));
    // An untouched series keeps its identity.
    expect(d3.rtc).toBe(d1.rtc);
  });

  it('rebuilds when the list is not an extension of the last one', () => {
    const b = new ChartDataBuilder();
    b.update([ev(1, 'BALLOON_CHANGE', { actual: 1 }), ev(2, 'BALLOON_CHANGE', { actual: 2 })]);
    const d = b.update([ev(2, 'BALLOON_CHANGE', { actual: 2 })]);
    expect(d.balloon.get('demo')?.map((p) => p.seq)).toEqual([2]);
  });

  it('rebuilds for another source whose seqs happen to match (a recording, then live again)', () => {
    const b = new ChartDataBuilder();
    b.update([ev(1, 'MIGRATION_PASS', { pass: 1 }, 'rec'), ev(2, 'STOP', undefined, 'rec')]);
    const d = b.update([ev(1, 'STOP'), ev(2, 'STOP'), ev(3, 'BALLOON_CHANGE', { actual: 5 })]);
    expect(d.passes.size).toBe(0);
    expect([...d.balloon.keys()]).toEqual(['demo']);
  });

  it('keeps time order when a late event has an older timestamp', () => {
    const b = new ChartDataBuilder();
    const d = b.update([ev(1, 'RTC_CHANGE', { offset: 1 }, 'demo', 10), ev(2, 'RTC_CHANGE', { offset: 2 }, 'demo', 5)]);
    expect(d.rtc.get('demo')?.map((p) => p.seq)).toEqual([2, 1]);
  });

  it('groups per VM in first-seen order and reads exact big integers sent as strings', () => {
    const d = new ChartDataBuilder().update([
      ev(1, 'BALLOON_CHANGE', { actual: 100 }, 'a', 5),
      ev(2, 'BALLOON_CHANGE', { actual: '9007199254740993' }, 'b'),
      ev(3, 'BALLOON_CHANGE', { actual: 50 }, 'a', 4),
    ]);
    expect([...d.balloon.keys()]).toEqual(['a', 'b']);
    expect(d.balloon.get('a')).toEqual([
      { x: 4000, y: 50, seq: 3 },
      { x: 5000, y: 100, seq: 1 },
    ]);
    expect(d.balloon.get('b')?.[0]?.y).toBe(9007199254740992);
  });

  it('orders migration status marks by time and skips a MIGRATION without a status', () => {
    const d = new ChartDataBuilder().update([
      ev(2, 'MIGRATION', { status: 'failed' }, 'a', 2),
      ev(1, 'MIGRATION', { status: 'setup' }, 'a', 1),
      ev(3, 'MIGRATION', {}, 'a', 3),
    ]);
    expect(d.marks).toEqual([
      { x: 1000, vm: 'a', status: 'setup', seq: 1 },
      { x: 2000, vm: 'a', status: 'failed', seq: 2 },
    ]);
  });

  it('skips values that are not numbers', () => {
    const d = new ChartDataBuilder().update([ev(1, 'BALLOON_CHANGE', { actual: 'lots' }), ev(2, 'BALLOON_CHANGE')]);
    expect(d.balloon.size).toBe(0);
  });
});

describe('chart summaries', () => {
  it('states points and the latest value per VM', () => {
    const d = new ChartDataBuilder().update([
      ev(1, 'RTC_CHANGE', { offset: 5 }),
      ev(2, 'RTC_CHANGE', { offset: 3600 }),
      ev(3, 'RTC_CHANGE', { offset: 1 }, 'b'),
    ]);
    expect(seriesSummary(d.rtc, (y) => `+${y} s`)).toEqual(['demo: 2 points, latest +3600 s', 'b: 1 point, latest +1 s']);
  });
  it('states the latest by time, not by arrival, for a late event', () => {
    const d = new ChartDataBuilder().update([
      ev(1, 'RTC_CHANGE', { offset: 7 }, 'demo', 10),
      ev(2, 'RTC_CHANGE', { offset: 2 }, 'demo', 5),
    ]);
    expect(seriesSummary(d.rtc, String)).toEqual(['demo: 2 points, latest 7']);
  });
  it('states passes and the last migration status', () => {
    const d = new ChartDataBuilder().update([
      ev(1, 'MIGRATION', { status: 'active' }),
      ev(2, 'MIGRATION_PASS', { pass: 1 }),
      ev(3, 'MIGRATION_PASS', { pass: 2 }),
      ev(4, 'MIGRATION_PASS', { pass: 3 }),
      ev(5, 'MIGRATION', { status: 'completed' }),
      ev(6, 'MIGRATION', { status: 'setup' }, 'b'),
    ]);
    expect(migrationSummary(d.passes, d.marks)).toEqual(['demo: 3 passes, last status completed', 'b: 0 passes, last status setup']);
  });
});
