import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '@qmpscope/events';
import { fitDomain, panDomain, timeAt, xOf, zoomDomain } from './timelineLayout';

const ev = (seq: number, vm: string, event: string, ms: number): StoredEvent => ({
  seq, vm, event, timestamp: { seconds: Math.floor(ms / 1000), microseconds: (ms % 1000) * 1000 }, receivedAt: 0,
});

describe('timelineLayout', () => {
  const d = { from: 0, to: 1000 };
  it('maps time to pixels and back', () => {
    expect(xOf(250, d, 400)).toBe(100);
    expect(timeAt(100, d, 400)).toBe(250);
  });
  it('zooms around a point and pans', () => {
    expect(zoomDomain(d, 0.5, 500)).toEqual({ from: 250, to: 750 });
    expect(zoomDomain(d, 0.5, 0)).toEqual({ from: 0, to: 500 });
    expect(zoomDomain(d, 2)).toEqual({ from: -500, to: 1500 });
    expect(zoomDomain(d, 1e-9).to - zoomDomain(d, 1e-9).from).toBe(10);
    expect(panDomain(d, 100)).toEqual({ from: 100, to: 1100 });
  });
  it('fits an open window around the data, ending now', () => {
    const f = fitDomain([ev(1, 'a', 'STOP', 10_000), ev(2, 'a', 'STOP', 5_000)], { from: -Infinity, to: Infinity }, 60_000);
    expect(f.from).toBeLessThan(5_000);
    expect(f.to).toBeGreaterThan(60_000);
  });
});
