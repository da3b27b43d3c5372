import type { QmpEvent } from '@qmpscope/qmp';
import type { VmInfo, VmSource } from '@qmpscope/events';
import type { Log } from '../log/log.js';
import type { VmCounters } from '../storage/vmCounters.js';
import { ConnectionLog, type ConnectStats } from './connectionLog.js';
import { RemovedVm } from './removedVm.js';
import { VmSession } from './vmSession.js';
import type { WatchedVm } from './watchedVm.js';

export interface VmRegistryOptions {
  vms: readonly { name: string; target: string }[];
  maxLineBytes: number;
  counters: VmCounters;
  /** See VmSessionOptions.onEvents: a returned promise pauses that VM's socket until it resolves. */
  onEvents: (vm: string, events: QmpEvent[]) => Promise<void> | null | void;
  /** A VM's state or counts changed (`info` gives its state now). */
  onVmChanged: (name: string) => void;
  log: Log;
}

const QMP_SOURCE: VmSource = { kind: 'qmp' };

/** All watched VMs, in the order given; joins session state with the stored counters into VmInfo. */
export class VmRegistry {
  private readonly sessions = new Map<string, WatchedVm>();
  private readonly connections = new ConnectionLog();

  constructor(private readonly opts: VmRegistryOptions) {
    for (const vm of opts.vms) this.sessions.set(vm.name, this.session(vm));
  }

  private session(vm: { name: string; target: string }): VmSession {
    return new VmSession({
      name: vm.name,
      target: vm.target,
      maxLineBytes: this.opts.maxLineBytes,
      onEvents: this.opts.onEvents,
      onChange: (name) => this.stateChanged(name),
      log: this.opts.log,
    });
  }

  /**
   * Starts watching a QMP target (a VM added or changed by a reload). A session already under that
   * name is stopped first, so a changed VM reconnects to its new target; a removed one comes back.
   */
  async watch(vm: { name: string; target: string }): Promise<void> {
    const old = this.sessions.get(vm.name);
    const session = this.session(vm);
    this.sessions.set(vm.name, session);
    await old?.stop();
    session.start();
    this.stateChanged(vm.name);
  }

  /** Stops watching a VM (removed from the config by a reload); it stays listed, see RemovedVm. */
  async unwatch(name: string, now: number = Date.now()): Promise<void> {
    const old = this.sessions.get(name);
    if (!old || old instanceof RemovedVm) return;
    this.sessions.set(name, new RemovedVm(old.snapshot(), now));
    await old.stop();
    this.stateChanged(name);
  }

  /** True for a VM that a reload removed (listed, not watched). */
  isRemoved(name: string): boolean {
    return this.sessions.get(name) instanceof RemovedVm;
  }

  /** Adds a VM found after the start (a libvirt domain); its source starts and stops it. */
  add(vm: WatchedVm): void {
    if (this.sessions.has(vm.name)) return;
    this.sessions.set(vm.name, vm);
    this.stateChanged(vm.name);
  }

  has(name: string): boolean {
    return this.sessions.has(name);
  }

  names(): string[] {
    return [...this.sessions.keys()];
  }

  list(): VmInfo[] {
    return this.names().map((name) => this.info(name)!);
  }

  info(name: string): VmInfo | null {
    const session = this.sessions.get(name);
    if (!session) return null;
    return { source: QMP_SOURCE, ...session.snapshot(), ...this.opts.counters.get(name) };
  }

  /** A VM's connection or run state changed (not only its counts): noted for its connect stats, then told to clients. */
  stateChanged(name: string): void {
    const session = this.sessions.get(name);
    if (!session) return;
    this.connections.observe(name, session.snapshot());
    this.opts.onVmChanged(name);
  }

  connectStats(name: string): ConnectStats {
    return this.connections.get(name);
  }

  /** Tells clients about VMs whose state or counts changed. */
  changed(name: string): void {
    if (this.sessions.has(name)) this.opts.onVmChanged(name);
  }

  /**
   * Stops reading every VM until `until` settles. The ingest queue calls this when it is full:
   * pausing only the VM that pushed last would let the other sockets' chunks, all read in the same
   * turn of the event loop, pile up (~500 events each, half a million at 1,000 VMs).
   */
  holdAll(until: Promise<void>): void {
    for (const s of this.sessions.values()) s.hold(until);
  }

  connectedCount(): number {
    return this.list().filter((v) => v.connection === 'connected').length;
  }

  start(): void {
    for (const s of this.sessions.values()) s.start();
  }

  async stop(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((s) => s.stop()));
  }
}
