import { io, type Socket } from 'socket.io-client';
import { parsePendingUpdate, type ClientToServerEvents, type ServerToClientEvents, type StoredEvent } from '@qmpscope/events';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A socket.io client that behaves like the dashboard: on every (re)connect it subscribes after the
 * last seq it holds. It checks the contract as it goes: every batch must start right after the
 * previous one (no gap) and never repeat a seq (no duplicate); violations are kept, not thrown, so a
 * test can report them all.
 */
export class SeqCollector {
  readonly socket: Client;
  lastSeq = 0;
  received = 0;
  readonly violations: string[] = [];
  connects = 0;
  /** With `remember`: what each seq carried (name, QEMU timestamp, data), to compare with the database. */
  readonly seen = new Map<number, string>();
  /** In a fleet: the pending own events held as the page holds them (by local seq), and every one ever received. */
  readonly pendingHeld = new Map<number, string>();
  readonly pendingEver = new Map<number, string>();
  pendingTotal = 0;
  private readonly remember: boolean;

  constructor(url: string, opts: { headers?: Record<string, string>; startAfter?: number; remember?: boolean } = {}) {
    this.lastSeq = opts.startAfter ?? 0;
    this.remember = opts.remember ?? false;
    this.socket = io(url, {
      transports: ['websocket'],
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
      timeout: 10_000,
      ...(opts.headers ? { extraHeaders: opts.headers } : {}),
    }) as Client;
    this.socket.on('connect', () => {
      this.connects += 1;
      this.socket.emit('subscribe', { after: this.lastSeq }, (ack) => {
        if (!ack.ok) this.violations.push(`subscribe refused: ${ack.error ?? '?'}`);
      });
    });
    this.socket.on('events', (batch) => this.take(batch));
    this.socket.on('pending', (raw) => {
      const update = parsePendingUpdate(raw);
      if (update === null) return void this.violations.push(`malformed pending packet: ${JSON.stringify(raw).slice(0, 200)}`);
      if (update.replace) this.pendingHeld.clear();
      for (const l of [...this.pendingHeld.keys()]) if (l <= update.through) this.pendingHeld.delete(l);
      for (const ev of update.events) {
        const id = identity({ ...ev, seq: 0 });
        this.pendingHeld.set(ev.localSeq, id);
        if (this.pendingEver.has(ev.localSeq) && this.pendingEver.get(ev.localSeq) !== id)
          this.violations.push(`local seq ${ev.localSeq} pending as two different events`);
        this.pendingEver.set(ev.localSeq, id);
      }
      this.pendingTotal = update.total;
    });
  }

  private take(batch: StoredEvent[]): void {
    for (const ev of batch) {
      if (ev.seq <= this.lastSeq) this.violations.push(`duplicate seq ${ev.seq} (holding ${this.lastSeq})`);
      else if (ev.seq !== this.lastSeq + 1) this.violations.push(`gap: got ${ev.seq} after ${this.lastSeq}`);
      if (this.remember) this.seen.set(ev.seq, identity(ev));
      if (ev.seq > this.lastSeq) {
        this.lastSeq = ev.seq;
        this.received += 1;
      }
    }
  }

  close(): void {
    this.socket.disconnect();
  }
}

/** An event as QEMU sent it, without what the bridge added: equal strings = the same event. */
export function identity(ev: StoredEvent): string {
  return JSON.stringify([ev.vm, ev.event, ev.timestamp, ev.data ?? null]);
}
