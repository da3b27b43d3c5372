import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '@qmpscope/events';
import { endStepMs, fitDomain, panDomain, timeAt, xOf, zoomDomain } from './timelineLayout';

const ev = (seq: number, vm: string, event: string, ms: number): StoredEvent => ({
  seq,
  vm,
  event,
  timestamp: { seconds: Math.floor(ms / 1000), microseconds: (ms % 1000) * 1000 },
  receivedAt: 0,
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
  it('fits an open window around the data', () => {
    const f = fitDomain([ev(1, 'a', 'STOP', 10_000), ev(2, 'a', 'STOP', 5_000)], { from: -Infinity, to: Infinity }, 60_000);
    expect(f.from).toBeLessThan(5_000);
    expect(f.to).toBeGreaterThan(10_000);
    expect(f.to).toBeLessThan(60_000);
  });
});

describe('fitDomain with an open end', () => {
  const open = { from: -Infinity, to: Infinity };
  const events = [ev(1, 'a', 'STOP', 1_000_000)];
  it('fits the data, not now, when the range is all: past events fill the width', () => {
    const past = [ev(1, 'a', 'STOP', 1_000_000), ev(2, 'a', 'STOP', 1_060_000)];
    const d = fitDomain(past, open, 4_600_000);
    expect(d.from).toBeLessThanOrEqual(1_000_000);
    expect(d.to).toBeGreaterThanOrEqual(1_060_000);
    // The data covers most of the axis (it was the leftmost 2 % with the end at now).
    expect(60_000 / (d.to - d.from)).toBeGreaterThan(0.5);
    // The same domain whatever the clock says.
    expect(fitDomain(past, open, 9_000_000)).toEqual(d);
  });
  it('grows in steps with live events: an event within a step keeps the domain, and every event is shown', () => {
    const start = ev(1, 'a', 'STOP', 1_000_000);
    const a = fitDomain([start, ev(2, 'a', 'STOP', 4_600_000)], open, 4_600_000);
    const step = endStepMs(3_600_000);
    expect(fitDomain([start, ev(2, 'a', 'STOP', 4_600_000 + step / 4)], open, 4_600_000 + step / 4)).toEqual(a);
    for (let t = 4_600_000; t < 4_600_000 + 3 * step; t += 7_777)
      expect(fitDomain([start, ev(2, 'a', 'STOP', t)], open, t).to).toBeGreaterThan(t);
  });
  it('slides a relative window in steps, with a constant span that covers the window', () => {
    const span = 15 * 60_000;
    const spans = new Set<number>();
    for (let now = 10_000_000; now < 10_000_000 + 120_000; now += 1000) {
      const d = fitDomain(events, { from: now - span, to: Infinity }, now);
      spans.add(d.to - d.from);
      expect(d.from).toBeLessThan(now - span);
      expect(d.to).toBeGreaterThan(now);
    }
    expect(spans.size).toBe(1);
  });
  it('steps by a power-of-two of seconds near 1/32 of the span', () => {
    expect(endStepMs(10)).toBe(1000);
    expect(endStepMs(3_600_000)).toBe(128_000);
  });
});
