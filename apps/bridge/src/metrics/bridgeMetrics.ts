import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { FleetHealth, StartReason, VmInfo } from '@qmpscope/events';
import type { ClientStats } from '../relay/relay.js';
import type { ConnectStats } from '../vm/connectionLog.js';
import { REMOVED_STATUS } from '../vm/removedVm.js';

/** What a scrape reads of the running bridge; the bridge wires it to the registry, ingest queue and relay. */
export interface MetricsSource {
  vms(): readonly Pick<VmInfo, 'name' | 'connection' | 'status'>[];
  connectStats(vm: string): ConnectStats;
  pendingWrite(): number;
  /** The newest seq clients and the API use: in a fleet the fleet's, else this bridge's. */
  lastSeq(): number;
  /** In a fleet: Redis and this node's publishing (absent outside a fleet). */
  fleet?: () => Pick<FleetHealth, 'reachable' | 'unpublished'>;
  clientStats(lastSeq: number): ClientStats;
  startReason: StartReason;
}

export interface Scrape {
  contentType: string;
  body: string;
}

/** Write transactions take ~0.1 ms for a few rows and tens of ms for 5,000-row batches on a slow disk. */
const WRITE_SECONDS_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** Events received of one VM and event name: `count` so far, `reported` the part the counter holds. */
interface ReceivedCount {
  count: number;
  reported: number;
}

/**
 * The bridge's Prometheus metrics, in a registry of its own (two bridges in one process, as in the
 * tests, do not share series). Per-event work is a map lookup and an increment: the received counts
 * reach the prom-client counter only when scraped, and only for the VMs that received events since
 * the last scrape, since prom-client hashes the labels on each inc and re-counting every VM and
 * event name at each scrape would hold the event loop (docs/PERFORMANCE.md).
 */
export class BridgeMetrics {
  readonly registry = new Registry();
  private readonly received = new Map<string, Map<string, ReceivedCount>>();
  /** VMs that received events since the last scrape. */
  private readonly receivedSinceScrape = new Set<string>();
  private readonly written: Counter;
  private readonly writeSeconds: Histogram;
  private readonly retentionDeleted: Counter;

  constructor(source: MetricsSource) {
    const registers = [this.registry];
    const { received, receivedSinceScrape } = this;
    new Counter({
      name: 'qmpscope_events_received_total',
      help: 'QMP events received, per VM and event name.',
      labelNames: ['vm', 'event'],
      registers,
      collect() {
        for (const vm of receivedSinceScrape) {
          for (const [event, n] of received.get(vm) ?? []) {
            if (n.count === n.reported) continue;
            this.inc({ vm, event }, n.count - n.reported);
            n.reported = n.count;
          }
        }
        receivedSinceScrape.clear();
      },
    });
    this.written = new Counter({ name: 'qmpscope_events_written_total', help: 'Events written to the event database.', registers });
    this.writeSeconds = new Histogram({
      name: 'qmpscope_event_write_seconds',
      help: 'Duration of each write transaction of events to the database.',
      buckets: WRITE_SECONDS_BUCKETS,
      registers,
    });
    this.retentionDeleted = new Counter({
      name: 'qmpscope_events_retention_deleted_total',
      help: 'Events deleted from the database by retention (--retention-events, --retention-days).',
      registers,
    });
    new Gauge({
      name: 'qmpscope_events_pending_write',
      help: 'Events received and not yet written to the database.',
      registers,
      collect() {
        this.set(source.pendingWrite());
      },
    });
    new Gauge({
      name: 'qmpscope_last_seq',
      help: 'Sequence number of the newest event (in a fleet the fleet seq, which the API and clients use).',
      registers,
      collect() {
        this.set(source.lastSeq());
      },
    });
    new Gauge({
      name: 'qmpscope_start_info',
      help: 'Always 1; reason says how the previous run ended: first-start, after-clean-shutdown, after-unclean-shutdown.',
      labelNames: ['reason'],
      registers,
    }).set({ reason: source.startReason }, 1);
    this.vmGauges(source, registers);
    this.clientGauges(source, registers);
    if (source.fleet) this.fleetGauges(source.fleet, registers);
    collectDefaultMetrics({ register: this.registry });
  }

  /** Counts events as they arrive from a VM (before they are flushed and written). */
  countReceived(vm: string, events: readonly { event: string }[]): void {
    let byEvent = this.received.get(vm);
    if (!byEvent) {
      byEvent = new Map();
      this.received.set(vm, byEvent);
    }
    this.receivedSinceScrape.add(vm);
    for (const { event } of events) {
      const n = byEvent.get(event);
      if (n) n.count += 1;
      else byEvent.set(event, { count: 1, reported: 0 });
    }
  }

  observeWrite(rows: number, seconds: number): void {
    this.written.inc(rows);
    this.writeSeconds.observe(seconds);
  }

  countRetentionDeleted(rows: number): void {
    this.retentionDeleted.inc(rows);
  }

  async scrape(): Promise<Scrape> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private vmGauges(source: MetricsSource, registers: Registry[]): void {
    // A VM a reload took out of the config stays listed for its history, but is not watched: a
    // "disconnected" series for it would raise the alert on VMs that are down.
    const watched = () => source.vms().filter((vm) => vm.status !== REMOVED_STATUS);
    new Gauge({
      name: 'qmpscope_vm_connected',
      help: 'Whether the bridge is connected to the VM (its QMP socket, or its libvirt connection): 1 or 0.',
      labelNames: ['vm'],
      registers,
      collect() {
        this.reset();
        for (const vm of watched()) this.set({ vm: vm.name }, vm.connection === 'connected' ? 1 : 0);
      },
    });
    new Gauge({
      name: 'qmpscope_vm_last_connect_timestamp_seconds',
      help: 'When the bridge last connected to the VM (Unix time); absent for a VM never connected.',
      labelNames: ['vm'],
      registers,
      collect() {
        this.reset();
        for (const vm of watched()) {
          const at = source.connectStats(vm.name).lastConnectedAt;
          if (at !== null) this.set({ vm: vm.name }, at / 1000);
        }
      },
    });
    new Counter({
      name: 'qmpscope_vm_reconnects_total',
      help: 'Connects to the VM after the first one since the bridge started (QEMU restarted, socket dropped, libvirt reconnected).',
      labelNames: ['vm'],
      registers,
      collect() {
        this.reset();
        for (const vm of watched()) this.inc({ vm: vm.name }, Math.max(0, source.connectStats(vm.name).connects - 1));
      },
    });
  }

  private fleetGauges(fleet: NonNullable<MetricsSource['fleet']>, registers: Registry[]): void {
    new Gauge({
      name: 'qmpscope_fleet_redis_up',
      help: "1 when the fleet's Redis answers this bridge, 0 while it cannot be used.",
      registers,
      collect() {
        this.set(fleet().reachable ? 1 : 0);
      },
    });
    new Gauge({
      name: 'qmpscope_fleet_unpublished_events',
      help: 'Own events stored on this bridge and not yet in the fleet log (they wait for Redis).',
      registers,
      collect() {
        this.set(fleet().unpublished);
      },
    });
  }

  private clientGauges(source: MetricsSource, registers: Registry[]): void {
    new Gauge({
      name: 'qmpscope_socketio_clients',
      help: 'Connected socket.io clients (dashboards) by mode: idle (not subscribed), catchingUp (reading history), live.',
      labelNames: ['mode'],
      registers,
      collect() {
        for (const [mode, n] of Object.entries(source.clientStats(source.lastSeq()).byMode)) this.set({ mode }, n);
      },
    });
    new Gauge({
      name: 'qmpscope_socketio_client_max_lag_events',
      help: 'Events the furthest-behind subscribed socket.io client has not been sent yet.',
      registers,
      collect() {
        this.set(source.clientStats(source.lastSeq()).maxLagEvents);
      },
    });
  }
}
