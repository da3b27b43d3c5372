import type { Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, StoredEvent } from '@qmpscope/events';
import { asSentOnce } from './encodedBatch.js';

export type RelaySocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/** Where catch-up reads from: the database, or memory while the database fails. */
export interface CatchUpSource {
  lastSeq(): number;
  readAfter(afterSeq: number, limit: number): StoredEvent[];
}

export interface CursorLimits {
  pageSize: number;
  /** Engine.io packets queued for this client before we stop sending it live batches. */
  maxQueuedPackets: number;
  /**
   * Bytes waiting for this client before the same: the text of engine.io's queued packets plus
   * what ws holds (bufferedAmount). Packets alone say little: one packet can be a 1,000-event page.
   */
  maxBufferedBytes: number;
}

export const LIVE_ROOM = 'live';

/**
 * One client's position in the event stream. `cursor` is the last seq sent to it. Modes:
 * idle (not subscribed), catchingUp (a loop pages from the source; live batches are skipped, the
 * loop will read them), live (in the broadcast room). The switch catchingUp -> live happens in the
 * same synchronous step as reading an empty page, so no flush can slip between the two.
 */
export class ClientCursor {
  mode: 'idle' | 'catchingUp' | 'live' = 'idle';
  cursor = 0;
  private generation = 0;

  constructor(
    readonly socket: RelaySocket,
    private readonly source: CatchUpSource,
    private readonly limits: CursorLimits,
  ) {}

  /** Starts (or restarts) a subscription; returns the lastSeq for the ack. */
  subscribe(after: number | null): number {
    const lastSeq = this.source.lastSeq();
    this.generation += 1;
    void this.socket.leave(LIVE_ROOM);
    if (after === null) {
      this.cursor = lastSeq;
      this.goLive();
    } else {
      this.cursor = after;
      this.mode = 'catchingUp';
      const gen = this.generation;
      setImmediate(() => void this.catchUp(gen));
    }
    return lastSeq;
  }

  /** True when the client's outgoing buffer is past the bound. */
  isBackedUp(): boolean {
    if (queuedPackets(this.socket) >= this.limits.maxQueuedPackets) return true;
    return bufferedBytes(this.socket) >= this.limits.maxBufferedBytes;
  }

  /** Takes a live client out of the broadcast and lets the catch-up loop resume it once its buffer drains. */
  fallBehind(): void {
    if (this.mode !== 'live') return;
    void this.socket.leave(LIVE_ROOM);
    this.mode = 'catchingUp';
    this.generation += 1;
    void this.catchUp(this.generation);
  }

  /** Sends the part of a live batch this client has not seen (used when it is not in sync with the room). */
  sendNewer(batch: readonly StoredEvent[]): void {
    const first = batch[0];
    const last = batch[batch.length - 1];
    if (first !== undefined && last !== undefined && first.seq > this.cursor) {
      // All of it is new: the JSON the room got (or will get) serves this client too.
      this.socket.emit('events', asSentOnce(batch));
      this.cursor = last.seq;
      return;
    }
    const fresh = batch.filter((e) => e.seq > this.cursor);
    if (fresh.length === 0) return;
    this.socket.emit('events', fresh);
    this.cursor = fresh[fresh.length - 1]!.seq;
  }

  stop(): void {
    this.generation += 1;
    this.mode = 'idle';
  }

  private async catchUp(gen: number): Promise<void> {
    while (gen === this.generation && this.socket.connected) {
      if (queuedPackets(this.socket) > 0 || this.isBackedUp()) {
        await this.drained();
        continue;
      }
      const page = this.source.readAfter(this.cursor, this.limits.pageSize);
      if (page.length === 0) {
        this.goLive();
        return;
      }
      this.socket.emit('events', asSentOnce(page));
      this.cursor = page[page.length - 1]!.seq;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  private goLive(): void {
    this.mode = 'live';
    void this.socket.join(LIVE_ROOM);
    this.socket.emit('caughtUp', { lastSeq: this.cursor });
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      // engine.io emits 'drain' when its queue is handed to the transport; the timer covers bytes
      // still buffered inside ws, which emit nothing when they go.
      const timer = setTimeout(() => done(), 50);
      const done = (): void => {
        clearTimeout(timer);
        this.socket.conn.off('drain', done);
        this.socket.off('disconnect', done);
        resolve();
      };
      this.socket.conn.on('drain', done);
      this.socket.on('disconnect', done);
    });
  }
}

/** engine.io's per-connection packet queue (public at runtime, private in its typings). */
function writeBuffer(socket: RelaySocket): readonly { data?: unknown }[] {
  const buffer = (socket.conn as unknown as { writeBuffer?: unknown }).writeBuffer;
  return Array.isArray(buffer) ? (buffer as { data?: unknown }[]) : [];
}

function queuedPackets(socket: RelaySocket): number {
  return writeBuffer(socket).length;
}

/** Text of the queued packets (UTF-16 length: close enough for a bound) plus ws's own buffer. */
function bufferedBytes(socket: RelaySocket): number {
  let bytes = 0;
  for (const packet of writeBuffer(socket)) if (typeof packet.data === 'string') bytes += packet.data.length;
  const ws = (socket.conn.transport as unknown as { socket?: { bufferedAmount?: unknown } }).socket;
  const wsBytes = ws?.bufferedAmount;
  return typeof wsBytes === 'number' ? bytes + wsBytes : bytes;
}
