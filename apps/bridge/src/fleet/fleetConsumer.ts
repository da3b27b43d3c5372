import type { StoredEvent } from '@qmpscope/events';
import { FLEET_KEYS } from './fleetKeys.js';
import { decodeEntry } from './fleetEntry.js';
import type { FleetLink } from './fleetLink.js';

/** Entries per XREAD: one SQLite transaction and one socket.io batch each. */
export const READ_BATCH = 2000;
/** How long one XREAD waits for new entries; a stop is seen within it. */
const BLOCK_MS = 2000;
const RETRY_MS = 500;

export interface FleetConsumerOptions {
  link: FleetLink;
  /** The last fleet seq stored here: reading continues after it. */
  lastSeq: () => number;
  /** This bridge's node: its own entries' local seqs are reported with each batch. */
  node: string;
  /**
   * This data dir's last local seq: an own entry claiming a higher one is not this data dir's (a
   * wiped one's under the same node name, or written by someone else) and is not reported.
   */
  localLastSeq: () => number;
  /**
   * Stores and relays a batch (ascending fleet seqs); throws when it cannot be stored.
   * `ownLocalSeq`: the highest local seq among this node's own entries in it, null when none.
   */
  onBatch: (events: StoredEvent[], ownLocalSeq: number | null) => void;
  /** The log starts above the next seq this bridge needs: events `from..to` were trimmed before it read them. */
  onTrimmed: (from: number, to: number) => void;
  /** An entry that is not a qmpscope event (`id` its ID): it is skipped. */
  onBadEntry: (reason: string, id: string | null) => void;
  warn: (line: string) => void;
}

/**
 * Reads the fleet log from the last seq stored here, in order, for ever: backfill after a late
 * start or an outage is the same loop as live reading. Each event is stored under its log seq.
 */
export class FleetConsumer {
  private stopped = false;
  private loop: Promise<void> | null = null;
  /** The last entry ID read (foreign entries move it too, so they are read once). */
  private cursor: string | null = null;

  constructor(private readonly opts: FleetConsumerOptions) {}

  start(): void {
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }

  private async run(): Promise<void> {
    let checkedTrim = false;
    while (!this.stopped) {
      await this.opts.link.whenReady();
      if (this.stopped) return;
      try {
        if (!checkedTrim) {
          await this.checkTrimmed();
          checkedTrim = true;
        }
        const from = this.cursor ?? `${this.opts.lastSeq()}-1`;
        const reply = await this.opts.link.reader.call('XREAD', 'COUNT', READ_BATCH, 'BLOCK', BLOCK_MS, 'STREAMS', FLEET_KEYS.log, from);
        if (this.stopped) return;
        this.take(reply);
      } catch (err) {
        if (this.stopped) return;
        if (err instanceof StoreFailure) this.opts.warn(err.message);
        else this.opts.link.noteFailure(err);
        // After an outage the log may have been trimmed past us, or restarted empty.
        checkedTrim = false;
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  }

  /** Reports events the log no longer holds that this bridge never read (a long absence, a short retention). */
  private async checkTrimmed(): Promise<void> {
    const first = (await this.opts.link.commands.call('XRANGE', FLEET_KEYS.log, '-', '+', 'COUNT', 1)) as unknown;
    const id = Array.isArray(first) && Array.isArray(first[0]) ? String(first[0][0]) : null;
    const firstSeq = id === null ? null : Number(id.split('-')[0]);
    const next = this.opts.lastSeq() + 1;
    const counter = Number((await this.opts.link.commands.call('GET', FLEET_KEYS.seq)) ?? 0);
    if (counter < next - 1) {
      this.opts.warn(
        `the fleet log's last seq is ${counter}, below this bridge's ${next - 1}: Redis lost its data (run it with --appendonly yes); events it numbers up to ${next - 1} are not read here`,
      );
    }
    if (firstSeq !== null && Number.isSafeInteger(firstSeq) && firstSeq > next) this.opts.onTrimmed(next, firstSeq - 1);
  }

  private take(reply: unknown): void {
    if (reply === null) return;
    const entries = Array.isArray(reply) && Array.isArray(reply[0]) && Array.isArray(reply[0][1]) ? (reply[0][1] as unknown[]) : null;
    if (entries === null) throw new Error(`XREAD answered ${JSON.stringify(reply).slice(0, 200)}, not a stream reply`);
    const batch: StoredEvent[] = [];
    let ownLocalSeq: number | null = null;
    const ownLimit = this.opts.localLastSeq();
    let last = this.opts.lastSeq();
    let cursor = this.cursor;
    for (const entry of entries) {
      const decoded = decodeEntry(entry);
      if (Array.isArray(entry) && typeof entry[0] === 'string') cursor = entry[0];
      if (!decoded.ok) {
        this.opts.onBadEntry(decoded.reason, decoded.id);
        continue;
      }
      if (decoded.event.seq <= last) continue;
      last = decoded.event.seq;
      batch.push(decoded.event);
      if (decoded.node === this.opts.node && decoded.localSeq !== null && decoded.localSeq <= ownLimit)
        ownLocalSeq = Math.max(ownLocalSeq ?? 0, decoded.localSeq);
    }
    if (batch.length > 0) {
      try {
        this.opts.onBatch(batch, ownLocalSeq);
      } catch (err) {
        throw new StoreFailure(`cannot store fleet events ${batch[0]!.seq}..${batch.at(-1)!.seq}: ${(err as Error).message}; retrying`);
      }
    }
    this.cursor = cursor;
  }
}

/** The local store refused a batch: read it again later (the cursor did not move). */
class StoreFailure extends Error {}
