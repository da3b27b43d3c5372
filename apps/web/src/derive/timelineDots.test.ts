import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '@qmpscope/events';
import { classOf } from './eventFacets';
import { dotPaths, isDot, nearestDot } from './timelineDots';
import type { TimelineMark } from './timelineLayout';

const mark = (seq: number, event: string, lane: number, x: number): TimelineMark => {
  const e: StoredEvent = {
    seq,
    vm: `vm${lane}`,
    event,
    data: {},
    timestamp: { seconds: 1_764_000_000 + seq, microseconds: 0 },
    receivedAt: 0,
  };
  return { event: e, facets: classOf(e), lane, x, count: 1 };
};
const xOf = (m: TimelineMark) => m.x;
const yOf = (m: TimelineMark) => m.lane * 28 + 14;

describe('timeline dots', () => {
  const rtc = mark(1, 'RTC_CHANGE', 0, 10.04);
  const balloon = mark(2, 'BALLOON_CHANGE', 1, 20);
  const balloon2 = mark(3, 'BALLOON_CHANGE', 1, 40);
  const panic = mark(4, 'GUEST_PANICKED', 0, 30);

  it('takes only unselected info marks', () => {
    expect(rtc.facets.severity).toBe('info');
    expect(panic.facets.severity).toBe('error');
    expect(isDot(rtc, null)).toBe(true);
    expect(isDot(rtc, 1)).toBe(false);
    expect(isDot(panic, null)).toBe(false);
  });

  it('draws one zero-length subpath per dot, one path per category', () => {
    const paths = dotPaths([rtc, balloon, balloon2], xOf, yOf);
    expect(paths.get(rtc.facets.category)).toBe('M10 14h0');
    expect(paths.get(balloon.facets.category)).toBe('M20 42h0M40 42h0');
    expect(paths.size).toBe(rtc.facets.category === balloon.facets.category ? 1 : 2);
  });

  it('picks the nearest dot within reach, and none beyond it', () => {
    const dots = [rtc, balloon, balloon2];
    expect(nearestDot(dots, xOf, yOf, 22, 40, 6)).toBe(balloon);
    expect(nearestDot(dots, xOf, yOf, 37, 44, 6)).toBe(balloon2);
    expect(nearestDot(dots, xOf, yOf, 30, 42, 6)).toBeNull();
    expect(nearestDot([], xOf, yOf, 0, 0, 6)).toBeNull();
  });
});
