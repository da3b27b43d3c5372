import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DROPPED_DATA_KEY, MAX_DATA_DEPTH, type HealthResponse, type StoredEvent, type VmInfo } from '@qmpscope/events';
import type { QmpEvent } from '@qmpscope/qmp';
import { UsageError } from './cli/usageError.js';
import { DEMO_VM_NAME, type BridgeConfig } from './config/bridgeConfig.js';
import type { VmSpec } from './config/vmSpec.js';
import { planReload, type ReloadPlan } from './config/configReload.js';
import { startDemoVm } from './demo/demoVm.js';
import { installAccessGate } from './http/accessGate.js';
import { createRequestHandler } from './http/router.js';
import { BridgeMetrics } from './metrics/bridgeMetrics.js';
import { IngestQueue } from './ingest/ingestQueue.js';
import { Relay } from './relay/relay.js';
import { prepareDataDir } from './storage/dataDir.js';
import { readPreviousRun, removeRunMarker, uncleanEndNotice, writeRunMarker } from './storage/runMarker.js';
import { EventStore } from './storage/eventStore.js';
import { Retention } from './storage/retention.js';
import { VmCounters } from './storage/vmCounters.js';
import { VERSION } from './version.js';
import { VmRegistry } from './vm/vmRegistry.js';
import { LibvirtSources } from './libvirt/libvirtSources.js';
import type { Log } from './log/log.js';
import { lineLog } from './log/lineLog.js';
import { createLog } from './log/pinoLog.js';
import { RepeatedWarning } from './log/repeatedWarning.js';
import { Fleet } from './fleet/fleet.js';

export interface Bridge {
  /** `http://host:port/` with the real port (also when started with port 0). */
  url: string;
  port: number;
  vms(): VmInfo[];
  lastSeq(): number;
  /**
   * Applies a config read again (SIGHUP): VMs added start, removed ones stop (still listed, history
   * kept), changed ones reconnect, the others are not touched. Throws UsageError, changing nothing,
   * when a new VM's name is a libvirt domain's (or the demo's). Other settings are reported in `needRestart`.
   */
  reload(next: BridgeConfig): Promise<ReloadPlan>;
  /** Stops watching, flushes pending events, closes sockets and the database. */
  close(): Promise<void>;
}

export interface BridgeHooks {
  /** Where the bridge logs; readable lines on stderr by default. */
  log?: Log;
  /** Instead of `log`: each record as one readable line (the older form, kept for callers that collect lines). */
  warn?: (line: string) => void;
}

/** Starts everything: storage, VM sessions, ingest, HTTP API, socket.io. Throws UsageError on bad environment. */
export async function startBridge(config: BridgeConfig, hooks: BridgeHooks = {}): Promise<Bridge> {
  const log = hooks.log ?? (hooks.warn ? lineLog(hooks.warn) : createLog({ format: 'pretty', level: 'info' }));
  const startedAt = Date.now();
  const warn = (line: string): void => log.warn(line);
  const previousRun = readPreviousRun(config.dataDir);
  const unclean = uncleanEndNotice(previousRun);
  if (unclean) log.warn(unclean, { previousPid: previousRun.pid, previousStartedAt: previousRun.startedAt });
  prepareDataDir(config.dataDir, warn);
  const store = openStore(config.dataDir, log);
  const lost = store.relayedNotWritten();
  if (lost) {
    log.warn(
      `events ${lost.from}..${lost.to} were relayed live but not written before the bridge last stopped (killed, or the disk refused writes): they are not in the history; new events continue at ${lost.to + 1}`,
      { from: lost.from, to: lost.to },
    );
  }
  const counters = new VmCounters(store.totalsByVm());
  const demo = config.demo ? await startDemoVm(config.dataDir) : null;
  const vms: VmSpec[] = demo ? [...config.vms, { name: DEMO_VM_NAME, target: demo.target }] : config.vms;

  const tooDeep = new RepeatedWarning((msg, fields) => log.warn(msg, fields));
  // The relay and registry need each other's callbacks; `late` is filled right below.
  const late: { relay?: Relay; registry?: VmRegistry; metrics?: BridgeMetrics; fleet?: Fleet } = {};
  const ingest = new IngestQueue({
    store,
    counters,
    onBatch: (batch, changed) => {
      // In a fleet, clients see own events under their fleet seq once the log has them, and as
      // pending ones until then.
      if (late.fleet) return late.fleet.localEvents(batch);
      late.relay?.broadcast(batch);
      for (const vm of changed) late.registry?.changed(vm);
    },
    onStorageError: (message) =>
      message === null ? log.info('storage works again: events are being written to disk') : log.error(message),
    onDataDropped: (vm, event) =>
      tooDeep.note(
        `event data nested deeper than ${MAX_DATA_DEPTH} levels: stored with its data replaced by {"${DROPPED_DATA_KEY}": "..."}`,
        { vm, event },
      ),
    onHighWater: (drained) => late.registry?.holdAll(drained),
    onWritten: (rows, seconds) => late.metrics?.observeWrite(rows, seconds),
  });
  const receive = (vm: string, events: QmpEvent[]): Promise<void> | null => {
    late.metrics?.countReceived(vm, events);
    return ingest.push(vm, events);
  };
  const registry = new VmRegistry({
    vms,
    maxLineBytes: config.maxLineBytes,
    counters,
    onEvents: receive,
    onVmChanged: (name) => (late.fleet ? late.fleet.ownVmChanged(name) : late.relay?.vmChanged(name)),
    log,
  });
  late.registry = registry;
  const fleet = config.fleet
    ? new Fleet({
        config: config.fleet,
        dataDir: config.dataDir,
        retention: config.retention,
        registry,
        readLocal: (after, limit) => store.query({ afterSeq: after }, limit),
        localLastSeq: () => ingest.lastSeq,
        localIdentity: store.identity(),
        onBatch: (batch, changed) => {
          late.relay?.broadcast(batch);
          for (const vm of changed) late.relay?.vmChanged(vm);
        },
        onVmChanged: (name) => late.relay?.vmChanged(name),
        onPending: (update) => late.relay?.pending(update),
        log,
      })
    : null;
  if (fleet) late.fleet = fleet;
  const libvirt = new LibvirtSources({
    uris: config.libvirt,
    takenNames: registry.names(),
    maxLineBytes: config.maxLineBytes,
    addVm: (vm) => registry.add(vm),
    onEvents: receive,
    onVmChanged: (name) => registry.stateChanged(name),
    onConnectionsChanged: () => late.relay?.connectionsChanged(),
    log,
  });

  const health = (): HealthResponse => ({
    ok: ingest.storageError === null,
    version: VERSION,
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    startedAt,
    startReason: previousRun.reason,
    lastSeq: fleet ? fleet.lastSeq : ingest.lastSeq,
    storage: { ok: ingest.storageError === null, error: ingest.storageError },
    vms: { total: registry.names().length, connected: registry.connectedCount() },
    ...(libvirt.active ? { libvirt: libvirt.info() } : {}),
    ...(fleet ? { fleet: fleet.health() } : {}),
  });
  const readAfter = (afterSeq: number, limit: number): StoredEvent[] => {
    if (fleet) return fleet.readAfter(afterSeq, limit);
    try {
      return ingest.readAfter(afterSeq, limit);
    } catch (err) {
      log.error('cannot read events for catch-up; serving the recent ones from memory', { error: (err as Error).message });
      return ingest.recent.after(afterSeq, limit);
    }
  };

  const metrics = new BridgeMetrics({
    vms: () => registry.list(),
    connectStats: (vm) => registry.connectStats(vm),
    pendingWrite: () => ingest.pendingWrite,
    lastSeq: () => (fleet ? fleet.lastSeq : ingest.lastSeq),
    ...(fleet ? { fleet: () => fleet.health() } : {}),
    startReason: previousRun.reason,
    clientStats: (lastSeq) => late.relay?.clientStats(lastSeq) ?? { byMode: { idle: 0, catchingUp: 0, live: 0 }, maxLagEvents: 0 },
  });
  late.metrics = metrics;
  const server = createServer(
    createRequestHandler({
      listVms: () => (fleet ? fleet.listVms() : registry.list()),
      health,
      queryEvents: (filter, limit) => {
        if (fleet) return fleet.queryEvents(filter, limit);
        ingest.writePending();
        return store.query(filter, limit);
      },
      lastSeq: () => (fleet ? fleet.lastSeq : ingest.lastSeq),
      metrics: () => metrics.scrape(),
      webDir: config.webDir,
    }),
  );
  const relay = new Relay(server, {
    source: { lastSeq: () => (fleet ? fleet.lastSeq : ingest.lastSeq), readAfter },
    listVms: () => (fleet ? fleet.listVms() : registry.list()),
    ...(libvirt.active ? { listConnections: () => ({ libvirt: libvirt.info() }) } : {}),
    vmInfo: (name) => (fleet ? fleet.vmInfo(name) : registry.info(name)),
    ...(fleet ? { pendingSnapshot: () => fleet.pendingSnapshot() } : {}),
    log,
  });
  late.relay = relay;
  installAccessGate(server, config.token);
  try {
    await listen(server, config.host, config.port);
  } catch (err) {
    relay.close();
    await fleet?.close();
    await demo?.close();
    store.close();
    throw err;
  }
  writeRunMarker(config.dataDir, startedAt, warn);

  const retention = new Retention({
    store,
    counters,
    policy: config.retention,
    onDeleted: (changed) => changed.forEach((vm) => registry.changed(vm)),
    onDeletedRows: (rows) => metrics.countRetentionDeleted(rows),
    onError: (err) => log.error('retention failed; will retry in a minute', { error: (err as Error).message }),
  });
  retention.start();
  registry.start();
  libvirt.start();
  fleet?.start();

  const port = (server.address() as AddressInfo).port;
  const shownHost = config.host.includes(':') ? `[${config.host}]` : config.host;
  let closing: Promise<void> | null = null;
  let running = config;
  // One reload at a time: a second SIGHUP during one compares with the config the first applied.
  let reloads: Promise<unknown> = Promise.resolve();
  return {
    url: `http://${shownHost}:${port}/`,
    port,
    vms: () => (fleet ? fleet.listVms() : registry.list()),
    lastSeq: () => (fleet ? fleet.lastSeq : ingest.lastSeq),
    reload: (next) => {
      const done = reloads.then(() => reload(next));
      reloads = done.catch(() => {});
      return done;
    },
    close: () => (closing ??= shutdown()),
  };

  async function reload(next: BridgeConfig): Promise<ReloadPlan> {
    if (closing) throw new UsageError('the bridge is shutting down');
    const plan = planReload(running, next);
    const clash = plan.add.find((vm) => registry.has(vm.name) && !registry.isRemoved(vm.name));
    if (clash)
      throw new UsageError(
        `vm name ${JSON.stringify(clash.name)} is already taken by a libvirt domain (or the demo VM): choose another name`,
      );
    for (const vm of plan.add) libvirt.reserveName(vm.name);
    await Promise.all([
      ...plan.remove.map((name) => registry.unwatch(name)),
      ...[...plan.add, ...plan.retarget].map((vm) => registry.watch(vm)),
    ]);
    running = { ...running, vms: next.vms };
    return plan;
  }

  async function shutdown(): Promise<void> {
    retention.stop();
    await Promise.all([registry.stop(), libvirt.stop()]);
    ingest.close();
    await fleet?.close();
    relay.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await demo?.close();
    store.close();
    removeRunMarker(config.dataDir, warn);
  }
}

function openStore(dataDir: string, log: Log): EventStore {
  let shown = -1;
  const onMigrationProgress = (done: number, total: number): void => {
    // Every 10 %: an upgrade of millions of events takes seconds, and a silent start looks hung.
    const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
    if (tenth === shown) return;
    shown = tenth;
    log.info(
      `upgrading ${dataDir}/events.db to the new storage layout: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} events (${tenth * 10} %)`,
      { done, total },
    );
  };
  try {
    return new EventStore(dataDir, { onMigrationProgress });
  } catch (err) {
    throw new UsageError(`cannot open the event database in ${dataDir}: ${(err as Error).message}`);
  }
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      if (err.code === 'EADDRINUSE') reject(new UsageError(`port ${port} is in use — choose another with --port`));
      else if (err.code === 'EACCES') reject(new UsageError(`no permission to listen on port ${port} — choose one above 1023 with --port`));
      else if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND')
        reject(new UsageError(`cannot listen on host ${host}: no such local address — check --host`));
      else reject(err);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}
