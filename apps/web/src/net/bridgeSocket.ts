import { io, type Socket } from 'socket.io-client';
import {
  parseConnectionsInfo,
  parsePendingUpdate,
  parseStoredEvent,
  parseVmActivity,
  parseVmInfo,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type StoredEvent,
  type VmActivity,
  type VmInfo,
} from '@qmpscope/events';
import type { AppStore } from '../store/store';
import { FrameBatcher } from '../live/frameBatcher';
import type { LiveEngine } from '../live/liveEngine';
import { StringPool } from './stringPool';

/**
 * A User Timing mark set when the history has been applied (the engine's phase leaves 'history'):
 * every event of the history is held. DevTools' performance panel shows it; the bench times the first
 * drawing of the charts from it.
 */
export const HISTORY_LOADED_MARK = 'qmpscope:history-loaded';

export type BridgeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Where the bridge's events go: the live engine owns them, the store the connection's state. */
export type EventSink = Pick<LiveEngine, 'appendLive' | 'lastLiveSeq' | 'endHistory' | 'pending'>;

export type Incoming =
  | { kind: 'events'; batch: StoredEvent[] }
  | { kind: 'vm'; vm: VmInfo }
  | { kind: 'activity'; activity: VmActivity }
  | { kind: 'vms'; vms: VmInfo[] }
  | { kind: 'caughtUp' };

/**
 * socket.io does not reconnect by itself after the server closed the socket on
 * purpose (a bridge shutting down or restarting); we do, after this delay.
 */
const SERVER_CLOSE_RETRY_MS = 1000;

/** After this many failed attempts in a row the header says "Offline — retrying" instead of "Reconnecting…". */
const OFFLINE_AFTER_FAILURES = 3;

/** Validates what a payload claims to be; invalid items are dropped and counted, never trusted. */
function validated<T>(items: unknown, parse: (x: unknown) => T | null, onInvalid: (n: number) => void): T[] {
  if (!Array.isArray(items)) {
    onInvalid(1);
    return [];
  }
  const out: T[] = [];
  for (const item of items) {
    const v = parse(item);
    if (v === null) onInvalid(1);
    else out.push(v);
  }
  return out;
}

/**
 * Connects to the bridge on the page's own origin and keeps the engine and store in step:
 * on every (re)connect it subscribes after the highest seq held, so history
 * loads once and a reconnect fetches exactly what was missed. Returns a stop function.
 */
export function connectBridge(store: AppStore, sink: EventSink, url?: string): () => void {
  const socket: BridgeSocket = url === undefined ? io() : io(url);
  const state = () => store.getState();
  const batcher = new FrameBatcher<Incoming>((items) => applyIncoming(store, sink, items));
  // Held events share one copy of each repeated name/value: see StringPool.
  const pool = new StringPool();
  const parseEvent = (x: unknown): StoredEvent | null => {
    const e = parseStoredEvent(x);
    return e === null ? null : pool.internEvent(e);
  };
  let failures = 0;

  socket.on('connect', () => {
    failures = 0;
    batcher.flush();
    state().setLink('connecting');
    socket.emit('subscribe', { after: sink.lastLiveSeq }, (ack) => {
      if (!ack || ack.ok !== true) state().setLink('offline', `the bridge refused the subscription: ${ack?.error ?? 'no reason given'}`);
    });
  });
  let retry: ReturnType<typeof setTimeout> | undefined;
  socket.on('disconnect', (reason) => {
    batcher.flush();
    state().setLink('reconnecting', `connection to the bridge closed (${reason})`);
    if (reason === 'io server disconnect') retry = setTimeout(() => socket.connect(), SERVER_CLOSE_RETRY_MS);
  });
  socket.io.on('reconnect_attempt', () => {
    if (state().link !== 'offline' && failures >= OFFLINE_AFTER_FAILURES) state().setLink('offline', state().linkError);
  });
  socket.on('connect_error', (err) => {
    failures++;
    const message = `cannot reach the bridge at ${location.host}: ${err.message} — is qmpscope's bridge running?`;
    state().setLink(failures >= OFFLINE_AFTER_FAILURES ? 'offline' : 'reconnecting', message);
  });
  socket.on('events', (batch) => {
    const events = validated(batch, parseEvent, (n) => state().countInvalid(n));
    if (events.length > 0) batcher.push({ kind: 'events', batch: events });
  });
  socket.on('vmsChanged', (vms) => {
    for (const vm of validated(vms, parseVmInfo, (n) => state().countInvalid(n))) batcher.push({ kind: 'vm', vm });
  });
  socket.on('vmActivity', (updates) => {
    for (const activity of validated(updates, parseVmActivity, (n) => state().countInvalid(n)))
      batcher.push({ kind: 'activity', activity });
  });
  socket.on('vms', (vms) => batcher.push({ kind: 'vms', vms: validated(vms, parseVmInfo, (n) => state().countInvalid(n)) }));
  socket.on('caughtUp', () => batcher.push({ kind: 'caughtUp' }));
  // Rare (a connection's state changes): applied at once, outside the frame batcher.
  socket.on('connections', (info) => {
    const parsed = parseConnectionsInfo(info);
    if (parsed === null) state().countInvalid(1);
    else state().setLibvirtConnections(parsed.libvirt);
  });
  // In a fleet: own events the fleet log has not taken yet; they are held apart from the event log.
  socket.on('pending', (update) => {
    const parsed = parsePendingUpdate(update);
    if (parsed === null) state().countInvalid(1);
    else sink.pending.apply(parsed);
  });

  return () => {
    clearTimeout(retry);
    batcher.flush();
    socket.close();
  };
}

/** Applies one frame's worth of socket messages to the engine and store, in arrival order. */
export function applyIncoming(store: AppStore, sink: EventSink, items: Incoming[]): void {
  const s = store.getState();
  // One append and one VM update per frame: consecutive event batches (and VM updates) are
  // merged, their order against the other messages kept.
  let events: StoredEvent[] = [];
  let vms: VmInfo[] = [];
  // Latest state per VM name: this frame's updates over the store's. Activity carries counts
  // only; the rest of the VM comes from here. Rebuilt after each store update.
  const known: { byName: Map<string, VmInfo> | null } = { byName: null };
  const knownVms = () => (known.byName ??= new Map(store.getState().vms.map((vm) => [vm.name, vm])));
  const flush = () => {
    if (events.length > 0) {
      s.countMissed(sink.appendLive(events));
      events = [];
    }
    if (vms.length > 0) {
      s.upsertVms(vms);
      vms = [];
      known.byName = null;
    }
  };
  for (const item of items) {
    switch (item.kind) {
      case 'events':
        for (const e of item.batch) events.push(e);
        break;
      case 'vms':
        flush();
        s.setVms(item.vms);
        known.byName = null;
        break;
      case 'vm':
        vms.push(item.vm);
        known.byName?.set(item.vm.name, item.vm);
        break;
      case 'activity': {
        const { name, eventCount, lastEvent } = item.activity;
        const base = knownVms().get(name);
        // A VM never sent whole cannot be made from counts; the bridge sends a VM whole first.
        if (base === undefined) break;
        const vm = { ...base, eventCount, lastEvent };
        vms.push(vm);
        known.byName?.set(name, vm);
        break;
      }
      case 'caughtUp':
        flush();
        if (sink.endHistory()) {
          // A page opened paused shows the time the history was in (the engine freezes its events then).
          if (store.getState().paused) s.freezeNow();
          performance.mark(HISTORY_LOADED_MARK);
        }
        s.setLink('live');
        break;
    }
  }
  flush();
}
