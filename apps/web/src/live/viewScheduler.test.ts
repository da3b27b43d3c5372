import { describe, expect, it } from 'vitest';
import { ManualClock } from './manualClock';
import { IDLE_WAIT_MS, ViewScheduler } from './viewScheduler';

function setup(spacing = 100) {
  const clock = new ManualClock();
  const published: string[] = [];
  const s = new ViewScheduler<'list' | 'heavy' | 'other'>(
    clock,
    { list: { kind: 'frame' }, heavy: { kind: 'spaced', spacingMs: () => spacing }, other: { kind: 'spaced', spacingMs: () => spacing } },
    (v) => published.push(`${v}@${clock.now()}`),
  );
  return { clock, published, s };
}

describe('ViewScheduler', () => {
  it('publishes a frame view in the turn of the change', () => {
    const { s, published } = setup();
    s.changed(['list']);
    expect(published).toEqual(['list@0']);
  });

  it('publishes spaced views after the next paint, one per task, never in the turn of the change', () => {
    const { s, clock, published } = setup();
    s.changed();
    expect(published).toEqual(['list@0']);
    clock.runFrame();
    // One heavy view per task: the second waits for the next paint.
    expect(published).toEqual(['list@0', 'heavy@0']);
    clock.runFrame();
    expect(published).toEqual(['list@0', 'heavy@0', 'other@0']);
  });

  it('spaces a stream of changes to one publish per spacing, and never drops the last', () => {
    const { s, clock, published } = setup(100);
    for (let i = 0; i < 60; i++) {
      s.changed(['heavy']);
      clock.advance(10, 10);
    }
    const heavy = published.filter((p) => p.startsWith('heavy')).map((p) => Number(p.split('@')[1]));
    // 600 ms of changes: the first after a paint, then at most one per 100 ms.
    expect(heavy.length).toBeGreaterThanOrEqual(5);
    expect(heavy.length).toBeLessThanOrEqual(7);
    for (let i = 1; i < heavy.length; i++) expect((heavy[i] as number) - (heavy[i - 1] as number)).toBeGreaterThanOrEqual(100);
    const last = heavy.at(-1) as number;
    clock.advance(200, 10);
    const after = published.filter((p) => p.startsWith('heavy')).map((p) => Number(p.split('@')[1]));
    // The change at 590 ms is published by the trailing pump.
    expect(after.at(-1) as number).toBeGreaterThan(last);
    expect(after.at(-1)).toBeGreaterThanOrEqual(590);
  });

  it('an urgent change skips the spacing but still waits for the paint', () => {
    const { s, clock, published } = setup(10_000);
    s.changed(['heavy']);
    clock.runFrame();
    expect(published).toEqual(['heavy@0']);
    s.changed(['heavy']);
    clock.advance(50);
    expect(published).toEqual(['heavy@0']);
    s.urgent(['heavy']);
    expect(published).toEqual(['heavy@0']);
    clock.runFrame();
    expect(published).toEqual(['heavy@0', 'heavy@50']);
  });

  it('publishes nothing after dispose', () => {
    const { s, clock, published } = setup();
    s.changed(['heavy']);
    s.dispose();
    clock.advance(1000);
    expect(published).toEqual([]);
  });
  it('a light view (a readout) shares the task of a heavy one instead of taking a turn', () => {
    const clock = new ManualClock();
    const published: string[] = [];
    const s = new ViewScheduler<'readout' | 'heavy'>(
      clock,
      { readout: { kind: 'spaced', spacingMs: () => 100, light: true }, heavy: { kind: 'spaced', spacingMs: () => 100 } },
      (v) => published.push(v),
    );
    s.changed();
    clock.runFrame();
    expect(published.sort()).toEqual(['heavy', 'readout']);
  });

  it('publishes a spaced view in idle time after the paint, never in the frame itself', () => {
    const { s, clock } = setup();
    const phases: string[] = [];
    const sched = new ViewScheduler<'heavy'>(clock, { heavy: { kind: 'spaced', spacingMs: () => 100 } }, () => phases.push(clock.phase));
    sched.changed();
    clock.runFrame();
    expect(phases).toEqual(['idle']);
    s.dispose();
  });

  it('with no idle time, publishes a due spaced view IDLE_WAIT_MS after the paint at the latest', () => {
    const { s, clock, published } = setup(100);
    clock.busy = true;
    s.changed(['heavy']);
    clock.advance(IDLE_WAIT_MS);
    expect(published).toEqual([]);
    clock.advance(16);
    expect(published).toHaveLength(1);
    const at = Number(published[0]?.split('@')[1]);
    expect(at).toBeGreaterThanOrEqual(IDLE_WAIT_MS);
    expect(at).toBeLessThanOrEqual(IDLE_WAIT_MS + 16);
  });

  it('an urgent change does not wait for idle time, even when a pump already waits for it', () => {
    const { s, clock, published } = setup(100);
    clock.busy = true;
    s.changed(['heavy']);
    clock.runFrame();
    expect(published).toEqual([]);
    s.urgent(['other']);
    clock.runFrame();
    // The urgent view is published in the task after the paint; the other one waits its turn.
    expect(published).toEqual(['other@0']);
  });
});
