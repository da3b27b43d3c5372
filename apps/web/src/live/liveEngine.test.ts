import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '@qmpscope/events';
import { createAppStore } from '../store/store';
import { engineInput } from './appEngine';
import { HISTORY_LIST_MS, LiveEngine, HISTORY_FEED_MS, READOUT_SPACING_MS } from './liveEngine';
import { FrameBatcher } from './frameBatcher';
import { ManualClock } from './manualClock';
import { IDLE_WAIT_MS } from './viewScheduler';
import { WARM_IDLE_WAIT_MS, WARM_NEWEST } from './searchWarmup';

const T0 = 1_800_000_000_000;
const ev = (seq: number, vm = 'a', event = 'STOP', atMs = T0 + seq): StoredEvent => ({
  seq,
  vm,
  event,
  timestamp: { seconds: Math.floor(atMs / 1000), microseconds: (atMs % 1000) * 1000 },
  receivedAt: atMs,
});

function setup() {
  const clock = new ManualClock();
  clock.advance(T0, T0);
  const store = createAppStore();
  const engine = new LiveEngine({ getState: () => engineInput(store.getState()), subscribe: store.subscribe }, clock);
  const stop = engine.start();
  const counts = { list: 0, timeline: 0, balloon: 0, readout: 0 };
  for (const v of ['list', 'timeline', 'balloon', 'readout'] as const) engine.subscribe(v, () => counts[v]++);
  let seq = 0;
  const append = (n: number, make: (s: number) => StoredEvent = (s) => ev(s)) => {
    const batch: StoredEvent[] = [];
    for (let i = 0; i < n; i++) batch.push(make(++seq));
    engine.appendLive(batch);
  };
  return { clock, store, engine, stop, counts, append };
}

describe('LiveEngine', () => {
  it('publishes the list in the turn of an append: a row is drawn in the frame that brought it', () => {
    const { engine, append } = setup();
    engine.endHistory();
    append(3);
    expect(engine.snapshot('list').view.length).toBe(3);
    expect(engine.snapshot('list').view.items[2]?.seq).toBe(3);
  });

  it('hands out immutable list snapshots: a kept one still shows what it showed', () => {
    const { engine, store, append } = setup();
    engine.endHistory();
    append(2);
    const before = engine.snapshot('list');
    append(5);
    expect(before.view.length).toBe(2);
    expect(engine.snapshot('list')).not.toBe(before);
    store.getState().setFilters({ names: ['RESUME'] });
    expect(engine.snapshot('list').view.length).toBe(0);
    expect(before.view.length).toBe(2);
  });

  it('filters and pauses: the list follows filters and stops at the paused count', () => {
    const { engine, store, append } = setup();
    engine.endHistory();
    append(4, (s) => ev(s, s % 2 === 0 ? 'b' : 'a'));
    store.getState().setFilters({ vms: ['b'] });
    expect(engine.snapshot('list').view.length).toBe(2);
    store.getState().pause();
    append(4, (s) => ev(s, 'b'));
    expect(engine.snapshot('list').view.length).toBe(2);
    store.getState().resume();
    expect(engine.snapshot('list').view.length).toBe(6);
  });

  it('heavy views wait for the paint and draw nothing while the history loads, but take it in', () => {
    const { engine, append, clock, counts } = setup();
    append(10);
    expect(counts.timeline).toBe(0);
    clock.runFrame();
    expect(counts.timeline).toBe(1);
    expect(engine.snapshot('timeline').draw).toBe(false);
    expect(engine.snapshot('timeline').columns.length).toBe(0);
    engine.endHistory();
    clock.runFrame();
    const t = engine.snapshot('timeline');
    expect(t.draw).toBe(true);
    expect(t.columns.length).toBe(10);
    expect(t.events).toHaveLength(10);
  });

  it('publishes the charts in separate tasks, with their series', () => {
    const { engine, append, clock } = setup();
    engine.endHistory();
    append(2, (s) => ({ ...ev(s), event: 'BALLOON_CHANGE', data: { actual: s * 1024 } }));
    let published = 0;
    const first = engine.snapshot('balloon');
    for (let i = 0; i < 5 && published < 3; i++) {
      clock.runFrame();
      published = (['balloon', 'rtc', 'migration'] as const).filter(
        (v) => engine.snapshot(v) !== (v === 'balloon' ? first : engine.snapshot(v)),
      ).length;
    }
    expect(engine.snapshot('balloon').data.balloon.get('a')).toHaveLength(2);
  });

  it('at 10,000 ev/s: every frame publishes its rows, the heavy views stay spaced', () => {
    const { engine, append, clock, counts } = setup();
    engine.endHistory();
    const frames = 600; // 10 s of 16.7 ms frames, ~167 events each
    let late = 0;
    for (let f = 0; f < frames; f++) {
      append(167, (s) => ev(s, `vm${s % 100}`, s % 7 === 0 ? 'BALLOON_CHANGE' : 'STOP', clock.now()));
      const list = engine.snapshot('list').view;
      if (list.items[list.length - 1]?.seq !== engine.lastLiveSeq) late++;
      clock.advance(16, 16);
    }
    expect(late).toBe(0);
    expect(counts.list).toBe(frames);
    // The timeline's spacing grows with the events shown (see redrawSpacingMs).
    expect(counts.timeline).toBeGreaterThan(2);
    expect(counts.timeline).toBeLessThanOrEqual(frames / 30);
    expect(counts.readout).toBeLessThanOrEqual(Math.ceil((frames * 16) / READOUT_SPACING_MS) + 1);
    clock.advance(15_000);
    expect(engine.snapshot('timeline').columns.length).toBe(frames * 167);
  });

  it.each([1000, 10_000])(
    'at %i ev/s from the socket: rows are published in the first frame after their message, heavy views only after it and within their spacing + IDLE_WAIT_MS',
    (rate) => {
      const { engine, clock } = setup();
      engine.endHistory();
      // The end of the history is published at once (an urgent change); the stream starts after it.
      clock.advance(100);
      // A page with no idle time at all: the wait for it must still be bounded.
      clock.busy = true;
      const batcher = new FrameBatcher<StoredEvent>((items) => engine.appendLive(items), clock);
      const listPhases = new Set<string>();
      const heavy: { at: number; phase: string; view: string }[] = [];
      engine.subscribe('list', () => listPhases.add(clock.phase));
      for (const view of ['timeline', 'balloon'] as const)
        engine.subscribe(view, () => heavy.push({ at: clock.now(), phase: clock.phase, view }));
      // A socket message every 4 ms for 3 s.
      const perMessage = rate / 250;
      let seq = 0;
      const start = clock.now();
      for (let t = 4; t <= 3000; t += 4)
        clock.timer(() => {
          const batch: StoredEvent[] = [];
          for (let i = 0; i < perMessage; i++) {
            seq++;
            batch.push(ev(seq, `vm${seq % 10}`, seq % 5 === 0 ? 'BALLOON_CHANGE' : 'STOP', clock.now()));
          }
          batcher.push(...batch);
        }, t);
      let late = 0;
      for (let t = 0; t < 3000; t += 16) {
        clock.advance(16, 16);
        const list = engine.snapshot('list').view;
        if (list.items[list.length - 1]?.seq !== seq) late++;
      }
      expect(seq).toBe((rate * 3000) / 1000);
      expect(late).toBe(0);
      expect([...listPhases]).toEqual(['frame']);
      // Heavy views: never in a frame callback, and each stays within its spacing plus the wait for idle time.
      expect(heavy.filter((h) => h.phase !== 'idle')).toEqual([]);
      for (const [view, spacing] of [
        ['timeline', 500],
        ['balloon', 2000],
      ] as const) {
        const at = heavy.filter((h) => h.view === view).map((h) => h.at - start);
        expect(at.length).toBeGreaterThanOrEqual(Math.floor(3000 / (spacing + IDLE_WAIT_MS + 32)));
        for (let i = 1; i < at.length; i++) {
          expect((at[i] as number) - (at[i - 1] as number)).toBeGreaterThanOrEqual(spacing);
          expect((at[i] as number) - (at[i - 1] as number)).toBeLessThanOrEqual(spacing + IDLE_WAIT_MS + 32);
        }
      }
      clock.advance(500 + IDLE_WAIT_MS + 32);
      expect(engine.snapshot('timeline').events.at(-1)?.seq).toBe(seq);
    },
  );

  it('loads 1M events of history with a bounded number of heavy feeds, then draws them all', () => {
    const { engine, append, clock, counts } = setup();
    const pages = 1000;
    for (let p = 0; p < pages; p++) {
      append(1000, (s) => ev(s, `vm${s % 1000}`, 'STOP', T0 - 3_600_000 + s));
      clock.advance(16, 16);
    }
    // One feed per HISTORY_FEED_MS at most while the history arrives, not one per page.
    expect(counts.timeline).toBeLessThanOrEqual(Math.ceil((pages * 16) / HISTORY_FEED_MS) + 2);
    expect(engine.snapshot('timeline').draw).toBe(false);
    // The list shows the history's progress a few times a second, not once per page.
    expect(counts.list).toBeGreaterThan(2);
    expect(counts.list).toBeLessThanOrEqual(Math.ceil((pages * 16) / HISTORY_LIST_MS) + 2);
    engine.endHistory();
    expect(engine.snapshot('list').view.length).toBe(1_000_000);
    // Only the newest events get a cached search text: one for each of 1M would not fit the heap budget.
    expect(engine.warmup.remaining).toBe(WARM_NEWEST);
    clock.runFrame();
    const t = engine.snapshot('timeline');
    expect(t.draw).toBe(true);
    expect(t.columns.length).toBe(1_000_000);
  });

  it('a relative window moves with the clock: old events leave the list', () => {
    const { engine, store, append, clock } = setup();
    engine.endHistory();
    store.getState().setRange({ kind: 'relative', spanMs: 60_000 });
    append(1, (s) => ev(s, 'a', 'STOP', clock.now()));
    expect(engine.snapshot('list').view.length).toBe(1);
    clock.advance(61_000, 500);
    expect(engine.snapshot('list').view.length).toBe(0);
  });

  it('stops following the store when stopped', () => {
    const { engine, append, stop, counts } = setup();
    engine.endHistory();
    stop();
    append(3);
    expect(counts.list).toBe(0);
    expect(engine.snapshot('list').view.length).toBe(0);
  });

  it('publishes the selected event with its neighbours, and follows a neighbour that arrives later', () => {
    const { engine, store, append } = setup();
    let published = 0;
    engine.subscribe('selected', () => published++);
    append(2, (s) => ev(s, s === 1 ? 'a' : 'b'));
    store.getState().select(1);
    const first = engine.snapshot('selected');
    expect(first).toMatchObject({ kind: 'found', seq: 1, neighbours: { nextSameVm: undefined } });
    expect(published).toBe(1);
    // Arrivals that change nothing for the selection publish nothing.
    append(3, (s) => ev(s, 'b'));
    expect(engine.snapshot('selected')).toBe(first);
    append(1, (s) => ev(s, 'a'));
    expect(engine.snapshot('selected')).toMatchObject({ kind: 'found', seq: 1, neighbours: { nextSameVm: { seq: 6 } } });
    expect(published).toBe(2);
    store.getState().select(null);
    expect(engine.snapshot('selected').kind).toBe('none');
  });

  it('a selected seq not held is arriving while the history arrives, missing once it is in', () => {
    const { engine, store, append } = setup();
    append(2);
    store.getState().select(99);
    expect(engine.snapshot('selected')).toEqual({ kind: 'arriving', seq: 99 });
    engine.endHistory();
    expect(engine.snapshot('selected')).toEqual({ kind: 'missing', seq: 99 });
  });

  it('warms the search text of the events shown in idle time, never while the history arrives', () => {
    const { engine, append, clock } = setup();
    append(300);
    clock.advance(WARM_IDLE_WAIT_MS * 2);
    engine.endHistory();
    // Nothing was warmed during the history: it is all still to do once it is in, and done in idle time only.
    expect(engine.warmup.remaining).toBe(300);
    clock.runFrame();
    expect(engine.warmup.remaining).toBe(0);
    append(10);
    expect(engine.warmup.remaining).toBe(10);
    clock.runFrame();
    expect(engine.warmup.remaining).toBe(0);
  });

  it('owns the one phase: history until the bridge says it is in, live after, recording while a file is shown', () => {
    const { engine, store, append, clock } = setup();
    const phases: string[] = [];
    engine.subscribe('phase', () => phases.push(engine.snapshot('phase')));
    expect(engine.snapshot('phase')).toBe('history');
    expect(engine.endHistory()).toBe(true);
    expect(engine.endHistory()).toBe(false);
    append(2);
    store.getState().openRecording({
      name: 'f',
      events: [ev(100), ev(101), ev(102)],
      skipped: [],
      skippedCount: 0,
      lines: 3,
      seqsAssigned: false,
      vms: ['a'],
    });
    clock.advance(1000);
    expect(engine.snapshot('held').length).toBe(3);
    expect(engine.snapshot('list').view.length).toBe(3);
    // The bridge's events keep arriving behind the recording, and are shown when it closes.
    append(2);
    expect(engine.snapshot('list').view.length).toBe(3);
    store.getState().closeRecording();
    clock.advance(1000);
    expect(phases).toEqual(['live', 'recording', 'live']);
    expect(engine.snapshot('list').view.length).toBe(4);
    expect(engine.snapshot('held').length).toBe(4);
    expect(engine.lastLiveSeq).toBe(4);
  });

  it('pausing freezes the events shown; the readout counts what arrived since', () => {
    const { engine, store, append, clock } = setup();
    engine.endHistory();
    append(3);
    store.getState().pause();
    append(4);
    clock.advance(1000);
    expect(engine.snapshot('list').view.length).toBe(3);
    expect(engine.snapshot('readout').newWhilePaused).toBe(4);
    store.getState().resume();
    clock.advance(1000);
    expect(engine.snapshot('readout').newWhilePaused).toBe(0);
    expect(engine.snapshot('list').view.length).toBe(7);
  });

  it('a page opened paused freezes once the history is in', () => {
    const { engine, store, append, clock } = setup();
    store.getState().pause();
    append(5);
    engine.endHistory();
    append(2);
    clock.advance(1000);
    expect(engine.snapshot('list').view.length).toBe(5);
    expect(engine.snapshot('readout').newWhilePaused).toBe(2);
  });

  it("publishes each VM's newest event and newest problem from the bridge's events, not a recording's", () => {
    const { engine, store, append } = setup();
    engine.endHistory();
    append(1, (s) => ({ ...ev(s, 'a', 'GUEST_PANICKED'), data: { action: 'pause' } }));
    append(1, (s) => ev(s, 'a', 'RESUME'));
    const vms = engine.snapshot('vmEvents');
    expect(vms.last.get('a')?.seq).toBe(2);
    expect(vms.problems.get('a')?.seq).toBe(1);
    store
      .getState()
      .openRecording({ name: 'f', events: [ev(100, 'a')], skipped: [], skippedCount: 0, lines: 1, seqsAssigned: false, vms: ['a'] });
    expect(engine.snapshot('vmEvents')).toBe(vms);
    append(1, (s) => ev(s, 'b'));
    expect(engine.snapshot('vmEvents').last.get('b')?.seq).toBe(3);
    expect(engine.snapshot('vmEvents').last.get('a')?.seq).toBe(2);
  });

  it('at 10,000 ev/s with an event selected, the detail is republished only when its neighbours change', () => {
    const { engine, store, append, clock } = setup();
    engine.endHistory();
    append(1, (s) => ev(s, 'vm1', 'STOP', clock.now()));
    store.getState().select(1);
    let published = 0;
    engine.subscribe('selected', () => published++);
    for (let f = 0; f < 600; f++) {
      append(167, (s) => ev(s, `vm${s % 100}`, 'STOP', clock.now()));
      clock.advance(16, 16);
    }
    const s = engine.snapshot('selected');
    expect(s).toMatchObject({ kind: 'found', seq: 1, neighbours: { nextSameName: { seq: 2 }, nextSameVm: { seq: 101 } } });
    expect(published).toBeLessThanOrEqual(2);
  });
});
