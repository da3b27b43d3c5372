import { createHash } from 'node:crypto';
import { parseVmInfo } from '@qmpscope/events';
import type { WatchedVmState } from '../vm/watchedVm.js';
import { FLEET_KEYS } from './fleetKeys.js';
import type { FleetLink } from './fleetLink.js';
import { NODE_NAME } from './fleetUrl.js';

/** How often a node renews its presence and a bridge reads the others'. */
export const BEAT_MS = 1000;
/** A node that has not renewed its presence for this long is unreachable. */
export const ALIVE_MS = 5000;

/** A VM's state as a node publishes it: no counters (each bridge counts the events it stored). */
export type RemoteVmState = Omit<WatchedVmState, 'node' | 'reachable'>;

export interface FleetNodesOptions {
  link: FleetLink;
  node: string;
  /** Own VMs' states, local names. */
  ownStates: () => RemoteVmState[];
  /** Remote VMs (`NODE/VM`) whose state or reachability changed. */
  onChanged: (names: string[]) => void;
  /** A VM state in Redis that is not one (node and VM are the peer's strings, for log fields). */
  onBadState: (reason: string, node: string, vm: string) => void;
}

interface NodeView {
  version: string | null;
  vms: Map<string, RemoteVmState>;
}

/**
 * Presence and VM states of every node, through Redis: each node writes its VMs' states to a hash
 * when they change and renews a key `alive:NODE` (whose value is their version) every BEAT_MS;
 * every bridge reads the keys each beat and a node's hash only when its version changed.
 */
export class FleetNodes {
  private readonly nodes = new Map<string, NodeView>();
  private timer: NodeJS.Timeout | null = null;
  private writtenVersion: string | null = null;
  private beating = false;

  constructor(private readonly opts: FleetNodesOptions) {}

  start(): void {
    void this.beat();
    this.timer = setInterval(() => void this.beat(), BEAT_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Redis went away: every other node is unreachable from here. */
  lost(): void {
    const changed: string[] = [];
    for (const [node, view] of this.nodes) {
      if (node === this.opts.node || view.version === null) continue;
      view.version = null;
      for (const vm of view.vms.keys()) changed.push(`${node}/${vm}`);
    }
    this.writtenVersion = null;
    if (changed.length > 0) this.opts.onChanged(changed);
  }

  reachable(node: string): boolean {
    if (node === this.opts.node) return true;
    return this.opts.link.reachable && (this.nodes.get(node)?.version ?? null) !== null;
  }

  /** Other nodes' VMs: `NODE/VM` → node and state. */
  remoteVms(): Map<string, { node: string; state: RemoteVmState }> {
    const all = new Map<string, { node: string; state: RemoteVmState }>();
    for (const [node, view] of this.nodes) {
      if (node === this.opts.node) continue;
      for (const [vm, state] of view.vms) all.set(`${node}/${vm}`, { node, state });
    }
    return all;
  }

  nodeNames(): string[] {
    return [...new Set([this.opts.node, ...this.nodes.keys()])].sort();
  }

  vmCount(node: string): number {
    return this.nodes.get(node)?.vms.size ?? 0;
  }

  /** Redis answers again: renew presence and read the others now rather than at the next beat. */
  refresh(): void {
    void this.beat();
  }

  private async beat(): Promise<void> {
    if (this.beating || !this.opts.link.reachable) return;
    this.beating = true;
    try {
      await this.writeOwn();
      await this.readOthers();
    } catch (err) {
      this.opts.link.noteFailure(err);
    } finally {
      this.beating = false;
    }
  }

  private async writeOwn(): Promise<void> {
    const states = this.opts.ownStates();
    const json = states.map((s) => [s.name, JSON.stringify(s)] as const);
    const version = createHash('sha1').update(JSON.stringify(json)).digest('hex').slice(0, 16);
    const redis = this.opts.link.commands;
    const multi = redis.multi();
    if (version !== this.writtenVersion) {
      multi.sadd(FLEET_KEYS.nodes, this.opts.node).del(FLEET_KEYS.vms(this.opts.node));
      if (json.length > 0) multi.hset(FLEET_KEYS.vms(this.opts.node), ...json.flat());
    }
    multi.set(FLEET_KEYS.alive(this.opts.node), version, 'PX', ALIVE_MS);
    await multi.exec();
    this.writtenVersion = version;
  }

  private async readOthers(): Promise<void> {
    const redis = this.opts.link.commands;
    const names = (await redis.smembers(FLEET_KEYS.nodes)).filter((n) => NODE_NAME.test(n) && n !== this.opts.node).sort();
    if (names.length === 0) return;
    const versions = await redis.mget(...names.map((n) => FLEET_KEYS.alive(n)));
    const changed: string[] = [];
    for (const [i, node] of names.entries()) {
      const version = versions[i] ?? null;
      let view = this.nodes.get(node);
      if (view === undefined) {
        view = { version: null, vms: new Map() };
        this.nodes.set(node, view);
      }
      if (version === view.version) continue;
      const reachableChanged = (version === null) !== (view.version === null);
      view.version = version;
      if (version !== null) {
        const before = view.vms;
        view.vms = this.parseStates(node, await redis.hgetall(FLEET_KEYS.vms(node)));
        for (const vm of new Set([...before.keys(), ...view.vms.keys()])) {
          if (reachableChanged || JSON.stringify(before.get(vm)) !== JSON.stringify(view.vms.get(vm))) changed.push(`${node}/${vm}`);
        }
      } else {
        for (const vm of view.vms.keys()) changed.push(`${node}/${vm}`);
      }
    }
    if (changed.length > 0) this.opts.onChanged(changed);
  }

  private parseStates(node: string, hash: Record<string, string>): Map<string, RemoteVmState> {
    const vms = new Map<string, RemoteVmState>();
    for (const [name, json] of Object.entries(hash)) {
      let raw: unknown;
      try {
        raw = JSON.parse(json);
      } catch {
        this.opts.onBadState('a VM state in Redis is not JSON; ignored', node, name);
        continue;
      }
      const info = typeof raw === 'object' && raw !== null ? parseVmInfo({ ...raw, name, eventCount: 0, lastEvent: null }) : null;
      if (info === null) {
        this.opts.onBadState('a VM state in Redis is not a VM state; ignored', node, name);
        continue;
      }
      const { eventCount: _c, lastEvent: _l, node: _n, reachable: _r, ...state } = info;
      vms.set(name, state);
    }
    return vms;
  }
}
