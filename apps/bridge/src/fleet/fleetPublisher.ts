import type { StoredEvent } from '@qmpscope/events';
import { FLEET_KEYS, PUBLISH_FUNCTION } from './fleetKeys.js';
import { encodeEntryEvent } from './fleetEntry.js';
import type { FleetLink } from './fleetLink.js';

/** Events per FCALL: ~200 kB of arguments, and Redis serves other clients between calls. */
export const PUBLISH_BATCH = 1000;
const RETRY_MS = 500;
const WRITE_WAIT_MS = 20;

export interface FleetPublisherOptions {
  link: FleetLink;
  node: string;
  /** This data dir's identity: local seqs are unique within it (see docs/FLEET.md). */
  incarnation: string;
  /** Entries the log keeps (XADD MAXLEN ~). */
  maxLogEntries: number;
  /**
   * Own events written to the local store with a local seq above `afterSeq`, ascending, at most
   * `limit`. Only written ones: then the fleet holds exactly what the node's own history holds,
   * also after it was killed (events relayed but never written are never published).
   */
  readLocal: (afterSeq: number, limit: number) => StoredEvent[];
  localLastSeq: () => number;
  warn: (line: string) => void;
}

/**
 * Copies this node's own events from its local store into the fleet log, oldest first. The publish
 * function keeps, per node and data dir, the highest local seq published and skips what is at or
 * below it: a retry after a lost reply, a restart or a Redis outage publishes each event once.
 */
export class FleetPublisher {
  /** Highest local seq known to be in the log (Redis says so at each call). */
  private published = 0;
  private known = false;
  private wake: (() => void) | null = null;
  private stopped = false;
  private loop: Promise<void> | null = null;

  constructor(private readonly opts: FleetPublisherOptions) {}

  /** Own events stored locally and not yet in the fleet log (an estimate until Redis answered once). */
  get unpublished(): number {
    return Math.max(0, this.opts.localLastSeq() - this.published);
  }

  start(): void {
    this.loop = this.run();
  }

  /** New local events: publish them soon. */
  notify(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      await this.opts.link.whenReady();
      if (this.stopped) return;
      try {
        const batch = this.known ? this.opts.readLocal(this.published, PUBLISH_BATCH) : [];
        if (this.known && batch.length === 0) {
          // Newer events wait for their rows to be written (at a high rate, up to STORE_INTERVAL_MS).
          await (this.opts.localLastSeq() > this.published ? this.pause(WRITE_WAIT_MS) : this.idle());
          continue;
        }
        await this.publish(batch);
      } catch (err) {
        this.opts.link.noteFailure(err);
        await this.pause(RETRY_MS);
      }
    }
  }

  private async publish(batch: StoredEvent[]): Promise<void> {
    const args: (string | number)[] = [`${this.opts.node}:${this.opts.incarnation}`, this.opts.node, this.opts.maxLogEntries];
    for (const ev of batch) args.push(ev.seq, encodeEntryEvent(ev));
    const reply = await this.opts.link.commands.call(
      'FCALL',
      PUBLISH_FUNCTION,
      3,
      FLEET_KEYS.log,
      FLEET_KEYS.seq,
      FLEET_KEYS.published,
      ...args,
    );
    const high = Array.isArray(reply) ? Number(reply[0]) : NaN;
    if (!Number.isSafeInteger(high)) throw new Error(`the publish function answered ${JSON.stringify(reply)}, not [high-water, seq]`);
    if (!this.known && high > this.opts.localLastSeq()) {
      this.opts.warn(
        `the fleet log holds events of node ${this.opts.node} up to local seq ${high}, beyond this data dir's last (${this.opts.localLastSeq()}): events up to ${high} are taken as published`,
      );
    }
    this.published = high;
    this.known = true;
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = () => {
        this.wake = null;
        resolve();
      };
      if (this.stopped) this.wake();
    });
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(t);
        this.wake = null;
        resolve();
      };
    });
  }
}
