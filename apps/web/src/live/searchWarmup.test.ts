import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '@qmpscope/events';
import { ManualClock } from './manualClock';
import { SearchWarmup, WARM_CHUNK, WARM_IDLE_WAIT_MS, WARM_NEWEST, WARM_SLICE_MS } from './searchWarmup';

const ev = (seq: number): StoredEvent => ({ seq, vm: 'a', event: 'STOP', timestamp: { seconds: seq, microseconds: 0 }, receivedAt: seq });
const events = (n: number, from = 1): StoredEvent[] => Array.from({ length: n }, (_, i) => ev(from + i));

/** What warming one event costs on the manual clock. */
const COST_MS = 0.1;

function setup() {
  const clock = new ManualClock();
  const warmed: number[] = [];
  const phases = new Set<string>();
  const warmup = new SearchWarmup(clock, (e) => {
    warmed.push(e.seq);
    phases.add(clock.phase);
    clock.spend(COST_MS);
  });
  return { clock, warmup, warmed, phases };
}

describe('SearchWarmup', () => {
  it('warms only in idle time, whole chunks for at most WARM_SLICE_MS per slice, until all are warm', () => {
    const { clock, warmup, warmed, phases } = setup();
    const items = events(1000);
    warmup.follow({ items, length: items.length });
    expect(warmed).toEqual([]);
    clock.runFrame();
    const perSlice = Math.ceil(WARM_SLICE_MS / (WARM_CHUNK * COST_MS)) * WARM_CHUNK;
    expect(perSlice).toBeLessThan(1000);
    expect(warmed).toEqual(items.slice(0, perSlice).map((e) => e.seq));
    expect(warmup.remaining).toBe(1000 - perSlice);
    clock.advance(16 * 20);
    expect(warmed.length).toBe(1000);
    expect(new Set(warmed).size).toBe(1000);
    expect([...phases]).toEqual(['idle']);
  });

  it('a slice ends with the idle period', () => {
    const { clock, warmup, warmed } = setup();
    clock.idleMs = 4;
    const items = events(1000);
    warmup.follow({ items, length: items.length });
    clock.runFrame();
    expect(warmed.length).toBe(Math.ceil(4 / (WARM_CHUNK * COST_MS)) * WARM_CHUNK);
  });

  it('a slice run by its timeout (no idle time) warms one chunk', () => {
    const { clock, warmup, warmed } = setup();
    clock.busy = true;
    const items = events(1000);
    warmup.follow({ items, length: items.length });
    clock.advance(WARM_IDLE_WAIT_MS - 16);
    expect(warmed.length).toBe(0);
    clock.advance(16);
    expect(warmed.length).toBe(WARM_CHUNK);
  });

  it('warms nothing while the history arrives and stops when it starts again', () => {
    const { clock, warmup, warmed } = setup();
    const items = events(1000);
    warmup.follow(null);
    clock.advance(WARM_IDLE_WAIT_MS * 2);
    expect(warmed.length).toBe(0);
    warmup.follow({ items, length: items.length });
    warmup.follow(null);
    clock.advance(WARM_IDLE_WAIT_MS * 2);
    expect(warmed.length).toBe(0);
    expect(warmup.remaining).toBe(0);
  });

  it('picks up new events appended in place, and starts over on another array', () => {
    const { clock, warmup, warmed } = setup();
    const items = events(10);
    warmup.follow({ items, length: 10 });
    clock.runFrame();
    expect(warmed.length).toBe(10);
    items.push(...events(5, 11));
    warmup.follow({ items, length: 15 });
    clock.runFrame();
    expect(warmed).toEqual(items.map((e) => e.seq));
    const other = events(3, 100);
    warmup.follow({ items: other, length: 3 });
    clock.runFrame();
    expect(warmed.slice(15)).toEqual([100, 101, 102]);
  });

  it('warms only the newest WARM_NEWEST events', () => {
    const { clock, warmup, warmed } = setup();
    const items = events(WARM_NEWEST + 10);
    warmup.follow({ items, length: items.length });
    expect(warmup.remaining).toBe(WARM_NEWEST);
    clock.runFrame();
    expect(warmed[0]).toBe(11);
    expect(warmup.remaining).toBeLessThan(WARM_NEWEST);
  });
});
