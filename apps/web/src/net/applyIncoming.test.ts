import { describe, expect, it } from 'vitest';
import type { StoredEvent, VmInfo } from '@qmpscope/events';
import { createAppStore } from '../store/store';
import { engineInput } from '../live/appEngine';
import { LiveEngine } from '../live/liveEngine';
import { ManualClock } from '../live/manualClock';
import { applyIncoming as applyTo, HISTORY_LOADED_MARK, type Incoming } from './bridgeSocket';

const ev = (seq: number): StoredEvent => ({ seq, vm: 'a', event: 'STOP', timestamp: { seconds: seq, microseconds: 0 }, receivedAt: 0 });
const vm = (name: string, eventCount: number): VmInfo => ({
  name,
  target: `unix:/tmp/${name}.qmp`,
  connection: 'connected',
  connectionSince: 0,
  lastError: null,
  status: 'running',
  qemuVersion: '7.2.0',
  guestName: null,
  eventCount,
  lastEvent: null,
});

/** A store with a started engine over it, as the page has. */
function page() {
  const store = createAppStore();
  const engine = new LiveEngine({ getState: () => engineInput(store.getState()), subscribe: store.subscribe }, new ManualClock());
  engine.start();
  return { store, engine, apply: (items: Incoming[]) => applyTo(store, engine, items) };
}

describe('applyIncoming', () => {
  it('appends history, goes live on caughtUp, dedupes a replay and counts gaps', () => {
    const { store, engine, apply } = page();
    apply([
      { kind: 'vms', vms: [vm('a', 0)] },
      { kind: 'events', batch: [ev(1), ev(2)] },
      { kind: 'events', batch: [ev(3)] },
    ]);
    expect(engine.snapshot('phase')).toBe('history');
    expect(store.getState().link).toBe('connecting');
    apply([{ kind: 'caughtUp' }, { kind: 'events', batch: [ev(3), ev(4)] }, { kind: 'vm', vm: vm('a', 4) }]);
    const s = store.getState();
    const held = engine.snapshot('list').view;
    expect(held.items.slice(0, held.length).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(engine.snapshot('phase')).toBe('live');
    expect(s.link).toBe('live');
    expect(s.missed).toBe(0);
    expect(s.vms[0]?.eventCount).toBe(4);
    apply([{ kind: 'events', batch: [ev(7)] }]);
    expect(store.getState().missed).toBe(2);
  });
  it('marks the end of the history on the performance timeline, once', () => {
    performance.clearMarks(HISTORY_LOADED_MARK);
    const { apply } = page();
    apply([{ kind: 'events', batch: [ev(1)] }]);
    expect(performance.getEntriesByName(HISTORY_LOADED_MARK)).toHaveLength(0);
    apply([{ kind: 'caughtUp' }]);
    // A reconnect catches up again: the history was loaded long before.
    apply([{ kind: 'events', batch: [ev(2)] }, { kind: 'caughtUp' }]);
    expect(performance.getEntriesByName(HISTORY_LOADED_MARK)).toHaveLength(1);
  });
  it('a page opened paused freezes once history has loaded; arrivals are held, not shown', () => {
    const { store, engine, apply } = page();
    store.getState().pause();
    const pausedAt = store.getState().frozenNow;
    apply([{ kind: 'events', batch: [ev(1), ev(2)] }, { kind: 'caughtUp' }]);
    expect(store.getState().frozenNow).toBeGreaterThanOrEqual(pausedAt);
    apply([{ kind: 'events', batch: [ev(3)] }]);
    expect(engine.snapshot('list').view.length).toBe(2);
    expect(engine.lastLiveSeq).toBe(3);
    store.getState().resume();
    expect(engine.snapshot('list').view.length).toBe(3);
  });
  it("merges one frame's VM updates into one store change, keeping order against a full list", () => {
    const { store, apply } = page();
    apply([{ kind: 'vms', vms: [vm('a', 0), vm('b', 0)] }]);
    let changes = 0;
    const stop = store.subscribe((s, prev) => {
      if (s.vms !== prev.vms) changes++;
    });
    apply([
      { kind: 'vm', vm: vm('a', 1) },
      { kind: 'vm', vm: vm('b', 1) },
      { kind: 'vm', vm: vm('a', 2) },
    ]);
    expect(changes).toBe(1);
    expect(store.getState().vms.map((v) => v.eventCount)).toEqual([2, 1]);
    // A full list after an update replaces it; an update after the list applies on top.
    apply([
      { kind: 'vm', vm: vm('a', 3) },
      { kind: 'vms', vms: [vm('c', 0)] },
      { kind: 'vm', vm: vm('c', 5) },
    ]);
    expect(store.getState().vms.map((v) => `${v.name}${v.eventCount}`)).toEqual(['c5']);
    stop();
  });

  it('applies activity (counts only) to the latest state of the VM, in order with whole VM updates', () => {
    const { store, apply } = page();
    apply([{ kind: 'vms', vms: [vm('a', 0), { ...vm('b', 0), status: 'paused' }] }]);
    const last = { seq: 9, event: 'RESUME', timestamp: { seconds: 1, microseconds: 0 } };
    apply([
      { kind: 'activity', activity: { name: 'b', eventCount: 4, lastEvent: last } },
      { kind: 'vm', vm: { ...vm('a', 5), status: 'shutdown' } },
      { kind: 'activity', activity: { name: 'a', eventCount: 6, lastEvent: last } },
      { kind: 'activity', activity: { name: 'nobody', eventCount: 1, lastEvent: null } },
    ]);
    const byName = new Map(store.getState().vms.map((v) => [v.name, v]));
    expect(byName.get('a')).toMatchObject({ status: 'shutdown', eventCount: 6, lastEvent: last });
    expect(byName.get('b')).toMatchObject({ status: 'paused', eventCount: 4, lastEvent: last });
    expect(byName.has('nobody')).toBe(false);
    // Activity after a new full list applies to that list's VM.
    apply([
      { kind: 'vms', vms: [{ ...vm('a', 0), status: 'running' }] },
      { kind: 'activity', activity: { name: 'a', eventCount: 2, lastEvent: null } },
    ]);
    expect(store.getState().vms).toMatchObject([{ name: 'a', status: 'running', eventCount: 2 }]);
  });
});
