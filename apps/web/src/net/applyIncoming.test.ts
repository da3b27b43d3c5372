import { describe, expect, it } from 'vitest';
import type { StoredEvent, VmInfo } from '@qmpscope/events';
import { createAppStore } from '../store/store';
import { applyIncoming, HISTORY_LOADED_MARK } from './bridgeSocket';

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

describe('applyIncoming', () => {
  it('appends history, goes live on caughtUp, dedupes a replay and counts gaps', () => {
    const store = createAppStore();
    applyIncoming(store, [
      { kind: 'vms', vms: [vm('a', 0)] },
      { kind: 'events', batch: [ev(1), ev(2)] },
      { kind: 'events', batch: [ev(3)] },
    ]);
    expect(store.getState().historyLoaded).toBe(false);
    expect(store.getState().link).toBe('connecting');
    applyIncoming(store, [{ kind: 'caughtUp' }, { kind: 'events', batch: [ev(3), ev(4)] }, { kind: 'vm', vm: vm('a', 4) }]);
    const s = store.getState();
    expect(s.log.events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(s.historyLoaded).toBe(true);
    expect(s.link).toBe('live');
    expect(s.missed).toBe(0);
    expect(s.vms[0]?.eventCount).toBe(4);
    applyIncoming(store, [{ kind: 'events', batch: [ev(7)] }]);
    expect(store.getState().missed).toBe(2);
  });
  it('marks the first catch-up on the performance timeline, once', () => {
    performance.clearMarks(HISTORY_LOADED_MARK);
    const store = createAppStore();
    applyIncoming(store, [{ kind: 'events', batch: [ev(1)] }]);
    expect(performance.getEntriesByName(HISTORY_LOADED_MARK)).toHaveLength(0);
    applyIncoming(store, [{ kind: 'caughtUp' }]);
    // A reconnect catches up again: the history was loaded long before.
    applyIncoming(store, [{ kind: 'events', batch: [ev(2)] }, { kind: 'caughtUp' }]);
    expect(performance.getEntriesByName(HISTORY_LOADED_MARK)).toHaveLength(1);
  });
  it('a page opened paused freezes once history has loaded; arrivals count as new', () => {
    const store = createAppStore();
    store.getState().pause();
    applyIncoming(store, [{ kind: 'events', batch: [ev(1), ev(2)] }, { kind: 'caughtUp' }]);
    expect(store.getState().frozenCount).toBe(2);
    applyIncoming(store, [{ kind: 'events', batch: [ev(3)] }]);
    const s = store.getState();
    expect(s.frozenCount).toBe(2);
    expect(s.log.length - s.frozenCount).toBe(1);
    s.resume();
    expect(store.getState().paused).toBe(false);
  });
  it("merges one frame's VM updates into one store change, keeping order against a full list", () => {
    const store = createAppStore();
    applyIncoming(store, [{ kind: 'vms', vms: [vm('a', 0), vm('b', 0)] }]);
    let changes = 0;
    const stop = store.subscribe((s, prev) => {
      if (s.vms !== prev.vms) changes++;
    });
    applyIncoming(store, [
      { kind: 'vm', vm: vm('a', 1) },
      { kind: 'vm', vm: vm('b', 1) },
      { kind: 'vm', vm: vm('a', 2) },
    ]);
    expect(changes).toBe(1);
    expect(store.getState().vms.map((v) => v.eventCount)).toEqual([2, 1]);
    // A full list after an update replaces it; an update after the list applies on top.
    applyIncoming(store, [
      { kind: 'vm', vm: vm('a', 3) },
      { kind: 'vms', vms: [vm('c', 0)] },
      { kind: 'vm', vm: vm('c', 5) },
    ]);
    expect(store.getState().vms.map((v) => `${v.name}${v.eventCount}`)).toEqual(['c5']);
    stop();
  });

  it('applies activity (counts only) to the latest state of the VM, in order with whole VM updates', () => {
    const store = createAppStore();
    applyIncoming(store, [{ kind: 'vms', vms: [vm('a', 0), { ...vm('b', 0), status: 'paused' }] }]);
    const last = { seq: 9, event: 'RESUME', timestamp: { seconds: 1, microseconds: 0 } };
    applyIncoming(store, [
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
    applyIncoming(store, [
      { kind: 'vms', vms: [{ ...vm('a', 0), status: 'running' }] },
      { kind: 'activity', activity: { name: 'a', eventCount: 2, lastEvent: null } },
    ]);
    expect(store.getState().vms).toMatchObject([{ name: 'a', status: 'running', eventCount: 2 }]);
  });
});
