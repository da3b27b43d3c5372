import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '@qmpscope/events';
import { balloonSeries, migrationStatusMarks, rtcSeries, sameSeries } from './chartSeries';

const ev = (seq: number, vm: string, event: string, data: StoredEvent['data'], seconds = seq): StoredEvent => ({
  seq, vm, event, ...(data ? { data } : {}), timestamp: { seconds, microseconds: 0 }, receivedAt: 0,
});

describe('chartSeries', () => {
  it('groups balloon sizes per VM in time order, accepting exact big integers as strings', () => {
    const s = balloonSeries([
      ev(1, 'a', 'BALLOON_CHANGE', { actual: 100 }, 5),
      ev(2, 'b', 'BALLOON_CHANGE', { actual: '9007199254740993' }),
      ev(3, 'a', 'BALLOON_CHANGE', { actual: 50 }, 4),
      ev(4, 'a', 'BALLOON_CHANGE', { actual: 'lots' }),
      ev(5, 'a', 'STOP', undefined),
    ]);
    expect([...s.keys()]).toEqual(['a', 'b']);
    expect(s.get('a')).toEqual([{ x: 4000, y: 50, seq: 3 }, { x: 5000, y: 100, seq: 1 }]);
    expect(s.get('b')?.[0]?.y).toBe(9007199254740992);
  });
  it('reads RTC offsets and migration status marks', () => {
    expect(rtcSeries([ev(1, 'a', 'RTC_CHANGE', { offset: -3600 })]).get('a')).toEqual([{ x: 1000, y: -3600, seq: 1 }]);
    expect(migrationStatusMarks([ev(2, 'a', 'MIGRATION', { status: 'failed' }), ev(1, 'a', 'MIGRATION', { status: 'setup' }), ev(3, 'a', 'MIGRATION', {})]))
      .toEqual([{ x: 1000, vm: 'a', status: 'setup', seq: 1 }, { x: 2000, vm: 'a', status: 'failed', seq: 2 }]);
  });
});

describe('sameSeries', () => {
  it('tells equal series from grown or different ones', () => {
    const a = balloonSeries([ev(1, 'a', 'BALLOON_CHANGE', { actual: 1 }), ev(2, 'a', 'BALLOON_CHANGE', { actual: 2 })]);
    const b = balloonSeries([ev(1, 'a', 'BALLOON_CHANGE', { actual: 1 }), ev(2, 'a', 'BALLOON_CHANGE', { actual: 2 }), ev(3, 'a', 'STOP', undefined)]);
    const c = balloonSeries([ev(1, 'a', 'BALLOON_CHANGE', { actual: 1 }), ev(3, 'a', 'BALLOON_CHANGE', { actual: 2 })]);
    expect(sameSeries(a, b)).toBe(true);
    expect(sameSeries(a, c)).toBe(false);
    expect(sameSeries(a, balloonSeries([]))).toBe(false);
  });
});
