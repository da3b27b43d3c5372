import type { PendingEvent, PendingUpdate, StoredEvent } from '@qmpscope/events';

/** The `pending` packet sent on subscribe holds at most this many events, the newest: a page shows a screenful. */
export const PENDING_SNAPSHOT_MAX = 2000;

export interface PendingOwnEventsOptions {
  node: string;
  /** Own events written to the local store with a local seq above `afterSeq`, ascending, at most `limit`. */
  readLocal: (afterSeq: number, limit: number) => StoredEvent[];
  localLastSeq: () => number;
  /** The highest own local seq this bridge's fleet history held when it last stopped (0: none). */
  readBack: number;
  /** Sends an update to every subscribed client. */
  send: (update: PendingUpdate) => void;
}

/**
 * Own events the fleet log has not taken yet, relayed apart from the fleet's because they have no
 * fleet seq. They are relayed while Redis cannot be used, and after it is back until the log holds
 * every one relayed; a client drops one only once this bridge has read it back from the log and
 * stored it, so an event is always on the page, first pending, then under its fleet seq.
 */
export class PendingOwnEvents {
  private redisDown = false;
  /** The highest local seq relayed as pending. */
  private sentThrough = 0;
  /** The highest own local seq read back from the log and stored in the fleet history here. */
  private readBack: number;
  /** The `through` clients were last told. */
  private toldThrough: number;

  constructor(private readonly opts: PendingOwnEventsOptions) {
    this.readBack = opts.readBack;
    this.toldThrough = opts.readBack;
  }

  /** The highest own local seq the fleet history here holds (kept with it, see Fleet). */
  get through(): number {
    return this.readBack;
  }

  /** Whether new own events are relayed as pending: Redis is away, or clients still hold pending ones. */
  get relaying(): boolean {
    return this.redisDown || this.sentThrough > this.readBack;
  }

  /** Own events waiting for the fleet history here, sent or not. */
  get total(): number {
    return Math.max(0, this.opts.localLastSeq() - this.readBack);
  }

  /** Redis cannot be used: what is stored locally and not yet in the fleet history here is pending. */
  redisLost(): void {
    if (this.redisDown) return;
    this.redisDown = true;
    const events = this.newest(Math.max(this.readBack, this.sentThrough));
    this.send(false, events);
  }

  redisBack(): void {
    this.redisDown = false;
  }

  /** Own events just written to the local store (local names and seqs, ascending). */
  written(batch: readonly StoredEvent[]): void {
    if (!this.relaying) return;
    const fresh = batch.filter((e) => e.seq > this.sentThrough);
    if (fresh.length > 0) this.send(false, fresh);
  }

  /** The fleet history here now holds own events up to this local seq. */
  storedBack(localSeq: number): void {
    if (localSeq <= this.readBack) return;
    this.readBack = localSeq;
    if (this.toldThrough < this.sentThrough) this.send(false, []);
  }

  /** What a client that just subscribed holds: the newest pending events, or none. */
  snapshot(): PendingUpdate {
    const events = this.relaying ? this.newest(this.readBack).map((e) => this.pending(e)) : [];
    return { replace: true, through: this.readBack, events, total: this.relaying ? this.total : 0 };
  }

  /** The newest PENDING_SNAPSHOT_MAX local events above `after`. */
  private newest(after: number): StoredEvent[] {
    const from = Math.max(after, this.opts.localLastSeq() - PENDING_SNAPSHOT_MAX);
    return this.opts.readLocal(from, PENDING_SNAPSHOT_MAX);
  }

  private send(replace: boolean, events: readonly StoredEvent[]): void {
    const last = events.at(-1);
    if (last !== undefined) this.sentThrough = Math.max(this.sentThrough, last.seq);
    this.toldThrough = this.readBack;
    this.opts.send({ replace, through: this.readBack, events: events.map((e) => this.pending(e)), total: this.total });
  }

  private pending({ seq, vm, ...rest }: StoredEvent): PendingEvent {
    return { ...rest, vm: `${this.opts.node}/${vm}`, localSeq: seq };
  }
}
