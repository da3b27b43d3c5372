import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type {
  ClientToServerEvents,
  ConnectionsInfo,
  PendingUpdate,
  ServerToClientEvents,
  StoredEvent,
  VmActivity,
  VmInfo,
} from '@qmpscope/events';
import { ClientCursor, LIVE_ROOM, type CatchUpSource, type CursorLimits } from './clientCursor.js';
import { CatchUpPages } from './catchUpPages.js';
import { batchParser } from './batchEncoder.js';
import { asSentOnce } from './encodedBatch.js';
import { parseSubscribeRequest } from './subscribeRequest.js';
import { RateLimiter } from './rateLimiter.js';
import type { Log } from '../log/log.js';

export interface RelayOptions extends Partial<CursorLimits> {
  source: CatchUpSource;
  listVms: () => VmInfo[];
  /** The libvirt connections' state, sent on connect and after connectionsChanged(). */
  listConnections?: () => ConnectionsInfo;
  /** A VM's current state, read when its update is sent (null: no such VM any more). */
  vmInfo: (name: string) => VmInfo | null;
  /** In a fleet: the own events not in the fleet history yet, sent to each client that subscribes. */
  pendingSnapshot?: () => PendingUpdate;
  /** Subscribes allowed per socket per window (default 10 per 10 s). */
  subscribeLimit?: { max: number; windowMs: number };
  /** Where a handler's failure is reported (the client is then disconnected; the bridge goes on). */
  log: Log;
}

export interface ClientStats {
  byMode: Record<ClientCursor['mode'], number>;
  maxLagEvents: number;
}

/** A VM's state changes reach clients at most this often (its counts change with every flush). */
export const VM_UPDATE_MS = 100;
export const VM_UPDATE_MS_PER_VM = 1;

/**
 * The socket.io side: sends the VM list on connect, serves `subscribe` (catch-up then live), and
 * relays each stored batch once per flush. Live clients share one room so a batch is encoded once
 * for all of them; browsers can only subscribe, never reach QEMU.
 */
export class Relay {
  readonly io: Server<ClientToServerEvents, ServerToClientEvents>;
  private readonly cursors = new Map<string, ClientCursor>();
  private readonly limits: CursorLimits;
  /** VMs changed since the last update packet; their state is read when it is sent. */
  private readonly vmUpdates = new Set<string>();
  /** Each VM's state as last sent in a `vmsChanged` packet (copies: the registry may reuse objects). */
  private readonly vmSent = new Map<string, VmInfo>();
  private vmTimer: NodeJS.Timeout | null = null;
  /** The first changed VM waits for this (a first change after a quiet spell goes out at once). */
  private nextVmUpdateAt = 0;
  private readonly vmInfo: (name: string) => VmInfo | null;
  private readonly source: CatchUpSource;
  private readonly listConnections: (() => ConnectionsInfo) | undefined;
  private connectionsTimer: NodeJS.Timeout | null = null;
  private readonly pendingSnapshot: (() => PendingUpdate) | undefined;

  constructor(httpServer: HttpServer, opts: RelayOptions) {
    this.vmInfo = opts.vmInfo;
    this.listConnections = opts.listConnections;
    this.pendingSnapshot = opts.pendingSnapshot;
    this.source = opts.source;
    this.limits = {
      // A page is read and parsed on the bridge's only thread, while every live client's batch
      // waits: pages stay small (npm run bench, storage case).
      pageSize: opts.pageSize ?? 1000,
      // A client this far behind is cheaper served by catch-up from SQLite than by queueing for it:
      // larger queues let an overloaded bridge's memory grow with its clients (docs/PERFORMANCE.md).
      maxQueuedPackets: opts.maxQueuedPackets ?? 16,
      maxBufferedBytes: opts.maxBufferedBytes ?? 1024 * 1024,
    };
    this.io = new Server<ClientToServerEvents, ServerToClientEvents>(httpServer, {
      path: '/socket.io',
      // Compressing every batch costs more CPU than the bytes it saves on a LAN/localhost.
      perMessageDeflate: false,
      serveClient: false,
      maxHttpBufferSize: 64 * 1024,
      // Catch-up pages shared by several clients are stringified once (encodedBatch.ts).
      parser: batchParser,
    });
    const pages = new CatchUpPages(opts.source);
    this.io.on('connection', (socket) => {
      const cursor = new ClientCursor(socket, pages, this.limits);
      const limiter = new RateLimiter(opts.subscribeLimit?.max ?? 10, opts.subscribeLimit?.windowMs ?? 10_000);
      this.cursors.set(socket.id, cursor);
      socket.emit('vms', opts.listVms());
      if (opts.listConnections) socket.emit('connections', opts.listConnections());
      socket.on('subscribe', (raw: unknown, ack: unknown) => {
        // socket.io runs handlers outside any try: an exception here would end the process.
        try {
          this.onSubscribe(cursor, limiter, raw, ack);
        } catch (err) {
          opts.log.warn('socket.io subscribe failed; client disconnected', {
            client: socket.id,
            error: err instanceof Error ? err.message : 'unknown error',
          });
          socket.disconnect(true);
        }
      });
      socket.on('disconnect', () => {
        cursor.stop();
        this.cursors.delete(socket.id);
      });
    });
  }

  private onSubscribe(cursor: ClientCursor, limiter: RateLimiter, raw: unknown, ack: unknown): void {
    if (typeof ack !== 'function') return; // nothing to answer to; the contract requires an ack
    const reply = ack as (res: { ok: boolean; error?: string; lastSeq: number }) => void;
    if (!limiter.tryTake()) {
      reply({ ok: false, error: 'too many subscribe requests: at most 10 per 10 seconds', lastSeq: this.source.lastSeq() });
      return;
    }
    const parsed = parseSubscribeRequest(raw);
    if (!parsed.ok) {
      reply({ ok: false, error: parsed.error, lastSeq: this.source.lastSeq() });
      return;
    }
    reply({ ok: true, lastSeq: cursor.subscribe(parsed.req.after) });
    if (this.pendingSnapshot) cursor.socket.emit('pending', this.pendingSnapshot());
  }

  /** Sends a pending-events update to every subscribed client (those that subscribe later get a snapshot). */
  pending(update: PendingUpdate): void {
    for (const cursor of this.cursors.values()) if (cursor.mode !== 'idle') cursor.socket.emit('pending', update);
  }

  get clientCount(): number {
    return this.cursors.size;
  }

  /** Clients per mode, and how many events the furthest-behind subscribed client lacks of `lastSeq`. */
  clientStats(lastSeq: number): ClientStats {
    const stats: ClientStats = { byMode: { idle: 0, catchingUp: 0, live: 0 }, maxLagEvents: 0 };
    for (const cursor of this.cursors.values()) {
      stats.byMode[cursor.mode] += 1;
      if (cursor.mode !== 'idle') stats.maxLagEvents = Math.max(stats.maxLagEvents, lastSeq - cursor.cursor);
    }
    return stats;
  }

  /** Relays one stored batch (ascending seqs) to every live client, skipping the backed-up ones. */
  broadcast(batch: readonly StoredEvent[]): void {
    const first = batch[0];
    const last = batch[batch.length - 1];
    if (!first || !last) return;
    const individually: string[] = [];
    for (const cursor of this.cursors.values()) {
      if (cursor.mode !== 'live') continue;
      if (cursor.isBackedUp()) {
        individually.push(cursor.socket.id);
        cursor.fallBehind();
      } else if (cursor.cursor >= first.seq) {
        individually.push(cursor.socket.id);
        cursor.sendNewer(batch);
      } else {
        cursor.cursor = last.seq;
      }
    }
    const room = this.io.to(LIVE_ROOM);
    // The batch's JSON once for the room and for clients sent it whole; the stock encoder also
    // walked every event looking for binary data first, a cost per event and client.
    (individually.length > 0 ? room.except(individually) : room).emit('events', asSentOnce(batch));
  }

  /**
   * Sends a VM's new state in the next `vmsChanged` packet. Counts change on every flush, so
   * updates are coalesced: the latest state of each changed VM, at most every VM_UPDATE_MS plus
   * VM_UPDATE_MS_PER_VM per VM in the previous packet: with many busy VMs a packet holds every
   * VM, and sending it often would cost each client more to parse than the counts are worth (and
   * could keep a page past the slow-client bound). The latest VmInfo is complete, so sending only
   * the last one loses nothing. Only the name is noted here: a VmInfo is built when the packet
   * is sent, not on each flush for every VM in it.
   */
  vmChanged(name: string): void {
    this.vmUpdates.add(name);
    this.vmTimer ??= setTimeout(() => this.sendVmUpdates(), Math.max(0, this.nextVmUpdateAt - Date.now()));
  }

  /** A connection changed: every client gets the new list soon (changes in one turn share a packet). */
  connectionsChanged(): void {
    const list = this.listConnections;
    if (!list || this.connectionsTimer !== null) return;
    this.connectionsTimer = setTimeout(() => {
      this.connectionsTimer = null;
      this.io.emit('connections', list());
    }, VM_UPDATE_MS);
  }

  private sendVmUpdates(): void {
    this.vmTimer = null;
    const names = [...this.vmUpdates];
    this.vmUpdates.clear();
    this.nextVmUpdateAt = Date.now() + VM_UPDATE_MS + names.length * VM_UPDATE_MS_PER_VM;
    const changed: VmInfo[] = [];
    const activity: VmActivity[] = [];
    for (const name of names) {
      const vm = this.vmInfo(name);
      if (vm === null) continue;
      const sent = this.vmSent.get(vm.name);
      if (sent !== undefined && onlyActivityChanged(sent, vm)) {
        activity.push({ name: vm.name, eventCount: vm.eventCount, lastEvent: vm.lastEvent });
      } else {
        changed.push(vm);
        this.vmSent.set(vm.name, { ...vm });
      }
    }
    if (changed.length > 0) this.io.emit('vmsChanged', changed);
    if (activity.length > 0) this.io.emit('vmActivity', activity);
  }

  close(): void {
    if (this.vmTimer !== null) clearTimeout(this.vmTimer);
    if (this.connectionsTimer !== null) clearTimeout(this.connectionsTimer);
    this.connectionsTimer = null;
    this.vmTimer = null;
    for (const cursor of this.cursors.values()) cursor.stop();
    // Not io.close(): that also closes the HTTP server, which the bridge owns and closes itself.
    this.io.disconnectSockets(true);
    this.io.engine.close();
  }
}

/** True when `next` differs from `sent` in eventCount and lastEvent at most. */
function onlyActivityChanged(sent: VmInfo, next: VmInfo): boolean {
  return (
    sent.target === next.target &&
    sent.connection === next.connection &&
    sent.connectionSince === next.connectionSince &&
    sent.lastError === next.lastError &&
    sent.status === next.status &&
    sent.qemuVersion === next.qemuVersion &&
    sent.guestName === next.guestName
  );
}
