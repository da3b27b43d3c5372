import { join } from 'node:path';
import type { FleetHealth, PendingUpdate, StoredEvent, VmInfo } from '@qmpscope/events';
import type { Log } from '../log/log.js';
import { RepeatedWarning } from '../log/repeatedWarning.js';
import { prepareDataDir } from '../storage/dataDir.js';
import { EventStore } from '../storage/eventStore.js';
import type { EventFilter } from '../storage/eventFilter.js';
import { Retention, type RetentionPolicy } from '../storage/retention.js';
import { VmCounters } from '../storage/vmCounters.js';
import type { VmRegistry } from '../vm/vmRegistry.js';
import type { FleetConfig } from './fleetConfig.js';
import { FleetConsumer } from './fleetConsumer.js';
import { FleetLink } from './fleetLink.js';
import { FleetNodes, type RemoteVmState } from './fleetNodes.js';
import { FleetPublisher } from './fleetPublisher.js';
import { FleetTrimmer } from './fleetRetention.js';
import { PendingOwnEvents } from './pendingOwnEvents.js';

export interface FleetOptions {
  config: FleetConfig;
  dataDir: string;
  retention: RetentionPolicy;
  /** This bridge's own VMs (local names). */
  registry: VmRegistry;
  /** Own events written to the local store, after a local seq (see FleetPublisherOptions.readLocal). */
  readLocal: (afterSeq: number, limit: number) => StoredEvent[];
  localLastSeq: () => number;
  localIdentity: number;
  /** A stored fleet batch (ascending seqs) and the VMs whose counts changed: relay them. */
  onBatch: (batch: StoredEvent[], changed: Set<string>) => void;
  /** A VM's state changed (fleet name). */
  onVmChanged: (name: string) => void;
  /** Own events not in the fleet history yet, or which of them now are: relay to subscribed clients. */
  onPending: (update: PendingUpdate) => void;
  log: Log;
}

/**
 * A bridge in a fleet: publishes its own events to the Redis log and stores every node's events
 * from it in `DATA_DIR/fleet/events.db` under the log's seq, which the API and socket.io serve.
 * Own events are first stored locally (`DATA_DIR/events.db`, local seqs), so an outage of Redis
 * loses none: they are published when it is back.
 */
export class Fleet {
  readonly store: EventStore;
  readonly counters: VmCounters;
  private readonly link: FleetLink;
  private readonly publisher: FleetPublisher;
  private readonly consumer: FleetConsumer;
  private readonly nodes: FleetNodes;
  private readonly retention: Retention;
  private readonly trimmer: FleetTrimmer | null;
  private readonly pending: PendingOwnEvents;
  /** The fleet store's mark of the highest own local seq it holds, per local data dir (its identity). */
  private readonly ownMark: string;
  private readonly node: string;
  private lastSeqStored: number;

  constructor(private readonly opts: FleetOptions) {
    this.node = opts.config.node;
    const dir = join(opts.dataDir, 'fleet');
    const warn = (line: string): void => opts.log.warn(line);
    prepareDataDir(dir, warn);
    this.store = new EventStore(dir);
    this.counters = new VmCounters(this.store.totalsByVm());
    this.lastSeqStored = this.store.maxSeq();
    this.ownMark = `own-local-seq:${opts.localIdentity}`;
    this.pending = new PendingOwnEvents({
      node: this.node,
      readLocal: opts.readLocal,
      localLastSeq: opts.localLastSeq,
      readBack: this.store.mark(this.ownMark) ?? 0,
      send: opts.onPending,
    });
    const badEntry = new RepeatedWarning((msg, fields) => opts.log.warn(msg, fields));
    this.link = new FleetLink({
      url: opts.config.redis,
      onState: (error) => this.onLinkState(error),
      onCommandError: (message) => badEntry.note('fleet: Redis refused a command', { error: message }),
    });
    this.publisher = new FleetPublisher({
      link: this.link,
      node: this.node,
      incarnation: String(opts.localIdentity),
      maxLogEntries: opts.config.retentionEvents,
      readLocal: opts.readLocal,
      localLastSeq: opts.localLastSeq,
      warn,
    });
    this.consumer = new FleetConsumer({
      link: this.link,
      node: this.node,
      localLastSeq: opts.localLastSeq,
      lastSeq: () => this.lastSeqStored,
      onBatch: (batch, ownLocalSeq) => this.keep(batch, ownLocalSeq),
      onTrimmed: (from, to) =>
        warn(
          `the fleet log no longer holds events ${from}..${to} (trimmed by --fleet-retention before this bridge read them): this bridge's fleet history has that gap`,
        ),
      onBadEntry: (reason, id) => badEntry.note(`skipped an entry of the fleet log: ${reason}`, { entry: id }),
      warn: (line) => badEntry.note(line),
    });
    this.nodes = new FleetNodes({
      link: this.link,
      node: this.node,
      ownStates: () => opts.registry.list().map(({ eventCount: _c, lastEvent: _l, ...state }) => state),
      onChanged: (names) => names.forEach((name) => opts.onVmChanged(name)),
      onBadState: (reason, node, vm) => badEntry.note(`fleet: ${reason}`, { node, vm }),
    });
    this.trimmer = opts.config.retentionMaxAgeMs === null ? null : new FleetTrimmer(this.link, opts.config.retentionMaxAgeMs);
    this.retention = new Retention({
      store: this.store,
      counters: this.counters,
      policy: opts.retention,
      onDeleted: (changed) => changed.forEach((vm) => opts.onVmChanged(vm)),
      onError: (err) => warn(`fleet history retention failed: ${(err as Error).message}; will retry in a minute`),
    });
  }

  get lastSeq(): number {
    return this.lastSeqStored;
  }

  start(): void {
    this.publisher.start();
    this.consumer.start();
    this.nodes.start();
    this.retention.start();
    this.trimmer?.start();
  }

  /** Own events just written to the local store (local names and seqs). */
  localEvents(batch: readonly StoredEvent[]): void {
    this.publisher.notify();
    this.pending.written(batch);
  }

  /** The `pending` packet for a client that just subscribed. */
  pendingSnapshot(): PendingUpdate {
    return this.pending.snapshot();
  }

  /** An own VM's state changed (local name). */
  ownVmChanged(local: string): void {
    this.opts.onVmChanged(`${this.node}/${local}`);
  }

  readAfter(afterSeq: number, limit: number): StoredEvent[] {
    return this.store.query({ afterSeq }, limit);
  }

  queryEvents(filter: EventFilter, limit: number): StoredEvent[] {
    return this.store.query(filter, limit);
  }

  /** Every VM of the fleet, by name: own ones, other nodes' ones, and those known only by their history. */
  listVms(): VmInfo[] {
    const names = new Set<string>([
      ...this.opts.registry.names().map((n) => `${this.node}/${n}`),
      ...this.nodes.remoteVms().keys(),
      ...this.counters.names(),
    ]);
    return [...names].sort().map((name) => this.vmInfo(name)!);
  }

  vmInfo(name: string): VmInfo | null {
    const slash = name.indexOf('/');
    if (slash <= 0) return null;
    const node = name.slice(0, slash);
    const local = name.slice(slash + 1);
    const counts = this.counters.get(name);
    if (node === this.node) {
      const own = this.opts.registry.info(local);
      if (own !== null) return { ...own, ...counts, name, node, reachable: true };
    }
    const remote = this.nodes.remoteVms().get(name);
    const reachable = this.nodes.reachable(node);
    if (remote === undefined && counts.eventCount === 0 && counts.lastEvent === null) return null;
    const state: RemoteVmState = remote?.state ?? {
      name: local,
      target: '',
      connection: 'disconnected',
      connectionSince: 0,
      lastError: null,
      status: null,
      qemuVersion: null,
      guestName: null,
    };
    const shown = reachable
      ? state
      : {
          ...state,
          connection: 'disconnected' as const,
          lastError: `node ${node} is unreachable from this bridge: its last known state is shown`,
        };
    return { ...shown, ...counts, name, node, reachable };
  }

  health(): FleetHealth {
    const oldest = this.store.oldest();
    return {
      redis: this.link.shownUrl,
      reachable: this.link.reachable,
      error: this.link.lastError,
      node: this.node,
      hub: this.opts.registry.names().length === 0,
      unpublished: this.publisher.unpublished,
      historyFrom: oldest,
      lastSeq: this.lastSeqStored,
      nodes: this.nodes.nodeNames().map((node) => ({
        node,
        reachable: this.nodes.reachable(node),
        vms: node === this.node ? this.opts.registry.names().length : this.nodes.vmCount(node),
      })),
    };
  }

  async close(): Promise<void> {
    this.retention.stop();
    this.trimmer?.stop();
    this.nodes.stop();
    const stopping = Promise.all([this.publisher.stop(), this.consumer.stop()]);
    await this.link.close();
    await stopping;
    this.store.close();
  }

  private keep(batch: StoredEvent[], ownLocalSeq: number | null): void {
    this.store.insertBatch(batch);
    this.lastSeqStored = batch.at(-1)!.seq;
    const changed = this.counters.addBatch(batch);
    this.opts.onBatch(batch, changed);
    if (ownLocalSeq !== null && ownLocalSeq > this.pending.through) {
      this.store.setMark(this.ownMark, ownLocalSeq);
      this.pending.storedBack(ownLocalSeq);
    }
  }

  private onLinkState(error: string | null): void {
    if (error === null) {
      const role = this.opts.registry.names().length === 0 ? 'a hub, reads' : "publishes its VMs' events and reads";
      this.opts.log.info(`fleet: Redis answers; node ${this.node} ${role} the fleet's`, { redis: this.link.shownUrl });
      this.nodes.refresh();
      this.pending.redisBack();
    } else {
      this.opts.log.warn('fleet: Redis cannot be used; retrying, and this bridge keeps watching and storing its own VMs', {
        redis: this.link.shownUrl,
        error,
      });
      this.nodes.lost();
      this.pending.redisLost();
    }
  }
}
