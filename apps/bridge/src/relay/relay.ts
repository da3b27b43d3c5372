import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, StoredEvent, VmInfo } from '@qmpscope/events';
import { ClientCursor, LIVE_ROOM, type CatchUpSource, type CursorLimits } from './clientCursor.js';
import { parseSubscribeRequest } from './subscribeRequest.js';
import { RateLimiter } from './rateLimiter.js';

export interface RelayOptions extends Partial<CursorLimits> {
  source: CatchUpSource;
  listVms: () => VmInfo[];
  /** Subscribes allowed per socket per window (default 10 per 10 s). */
  subscribeLimit?: { max: number; windowMs: number };
}

/**
 * The socket.io side: sends the VM list on connect, serves `subscribe` (catch-up then live), and
 * relays each stored batch once per flush. Live clients share one room so a batch is encoded once
 * for all of them; browsers can only subscribe, never reach QEMU.
 */
export class Relay {
  readonly io: Server<ClientToServerEvents, ServerToClientEvents>;
  private readonly cursors = new Map<string, ClientCursor>();
  private readonly limits: CursorLimits;

  constructor(httpServer: HttpServer, private readonly opts: RelayOptions) {
    this.limits = {
      // 1,000 rows read and parsed take ~2 ms at 1M stored events (npm run bench); 5,000 took ~9 ms,
      // during which every live client's batch waited.
      pageSize: opts.pageSize ?? 1000,
      maxQueuedPackets: opts.maxQueuedPackets ?? 64,
      maxBufferedBytes: opts.maxBufferedBytes ?? 8 * 1024 * 1024,
    };
    this.io = new Server<ClientToServerEvents, ServerToClientEvents>(httpServer, {
      path: '/socket.io',
      // Compressing every batch costs more CPU than the bytes it saves on a LAN/localhost.
      perMessageDeflate: false,
      serveClient: false,
      maxHttpBufferSize: 64 * 1024,
    });
    this.io.on('connection', (socket) => {
      const cursor = new ClientCursor(socket, opts.source, this.limits);
      const limiter = new RateLimiter(opts.subscribeLimit?.max ?? 10, opts.subscribeLimit?.windowMs ?? 10_000);
      this.cursors.set(socket.id, cursor);
      socket.emit('vms', opts.listVms());
      socket.on('subscribe', (raw: unknown, ack: unknown) => {
        if (typeof ack !== 'function') return; // nothing to answer to; the contract requires an ack
        const reply = ack as (res: { ok: boolean; error?: string; lastSeq: number }) => void;
        if (!limiter.tryTake()) {
          reply({ ok: false, error: 'too many subscribe requests: at most 10 per 10 seconds', lastSeq: opts.source.lastSeq() });
          return;
        }
        const parsed = parseSubscribeRequest(raw);
        if (!parsed.ok) {
          reply({ ok: false, error: parsed.error, lastSeq: opts.source.lastSeq() });
          return;
        }
        reply({ ok: true, lastSeq: cursor.subscribe(parsed.req.after) });
      });
      socket.on('disconnect', () => {
        cursor.stop();
        this.cursors.delete(socket.id);
      });
    });
  }

  get clientCount(): number {
    return this.cursors.size;
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
    (individually.length > 0 ? room.except(individually) : room).emit('events', batch as StoredEvent[]);
  }

  vmChanged(vm: VmInfo): void {
    this.io.emit('vm', vm);
  }

  close(): void {
    for (const cursor of this.cursors.values()) cursor.stop();
    // Not io.close(): that also closes the HTTP server, which the bridge owns and closes itself.
    this.io.disconnectSockets(true);
    this.io.engine.close();
  }
}
