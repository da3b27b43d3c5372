import type { ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { backoffDelay, backoffPolicy, type QmpEvent, type ReconnectOptions } from '@qmpscope/qmp';
import type { ConnectionState, LibvirtConnectionInfo } from '@qmpscope/events';
import type { Log } from '../log/log.js';
import { BoundedLines } from './boundedLines.js';
import { LibvirtDomainVm, type DomainHost, type DomainState } from './libvirtDomainVm.js';
import { DEFAULT_VIRSH, runVirsh, spawnVirsh, virshFailure } from './virsh.js';
import { parseVirshLine } from './virshLine.js';

export interface LibvirtSourceOptions {
  uri: string;
  /** The virsh binary (default `virsh` from PATH). */
  virsh?: string;
  /** Longest line accepted from virsh; a longer one is dropped and reported. */
  maxLineBytes: number;
  /** The VM name of a domain (escaping, `HOST/` prefix): decided by the bridge, which knows the other names. */
  vmName: (domain: string) => string;
  /** A domain seen for the first time: add it to the registry. */
  onDomain: (vm: LibvirtDomainVm) => void;
  /** A batch of one domain's events; a returned promise pauses reading until it resolves. */
  onEvents: (vm: string, events: QmpEvent[]) => Promise<void> | null | void;
  /** A domain's state, or the connection (then every domain), changed. */
  onChange: (vm: string) => void;
  /** The connection's own state, message or domain count changed (it may have no domain to tell). */
  onConnectionChange?: () => void;
  log: Log;
  reconnect?: ReconnectOptions;
  now?: () => number;
}

type Stream = ChildProcessByStdio<null, Readable, Readable>;

/**
 * virsh prints nothing once its event callbacks are registered; the domain list is read this long
 * after the streams start, so that the state it gives is not older than the first event streamed.
 */
const REGISTER_GRACE_MS = 300;
/** How long the other virsh may take to print what it still holds and end, once one of them has ended. */
const STREAM_END_GRACE_MS = 2000;
const MAX_STDERR = 8192;
const HYPERVISOR = /^Running hypervisor: QEMU (\d+\.\d+\.\d+)\s*$/m;
/** `virsh domstate` of a domain that no longer exists. */
const NO_DOMAIN = /failed to get domain|Domain not found/i;

/**
 * One `--libvirt URI` connection. Two virsh processes stream from libvirt — `qemu-monitor-event
 * --loop` (every QMP event of every domain, with QEMU's timestamp and data) and `event --event
 * lifecycle --loop` (domains started, stopped, defined, undefined) — and read-only queries
 * (`version`, `list --all --name`, `domstate`) give the state. Never a command that changes a
 * domain or reaches its monitor. When either stream ends (libvirtd restarted, URI unreachable), both
 * are restarted with backoff; the domains stay, with the connection's state and libvirt's message.
 */
export class LibvirtSource implements DomainHost {
  readonly uri: string;
  private readonly virsh: string;
  private readonly domains = new Map<string, LibvirtDomainVm>();
  private readonly now: () => number;
  private state: ConnectionState = 'disconnected';
  private since: number;
  private lastError: string | null = null;
  private qemuVersion: string | null = null;
  private streams: Stream[] = [];
  private stopped = true;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private generation = 0;
  private holds = new Set<Promise<void>>();
  /** Refreshes of domain states run one after another, so an older answer never overwrites a newer one. */
  private refreshes: Promise<void> = Promise.resolve();

  constructor(private readonly opts: LibvirtSourceOptions) {
    this.uri = opts.uri;
    this.virsh = opts.virsh ?? DEFAULT_VIRSH;
    this.now = opts.now ?? Date.now;
    this.since = this.now();
  }

  connectionState(): { connection: ConnectionState; connectionSince: number; lastError: string | null } {
    return { connection: this.state, connectionSince: this.since, lastError: this.lastError };
  }

  info(): LibvirtConnectionInfo {
    return { uri: this.uri, ...this.connectionState(), domains: this.domains.size };
  }

  vms(): LibvirtDomainVm[] {
    return [...this.domains.values()];
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.generation++;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    await Promise.all(this.streams.map(killStream));
    this.streams = [];
  }

  /** Stops reading both streams until `until` settles (virsh then waits; libvirt queues for it). */
  hold(until: Promise<void>): void {
    if (this.holds.has(until)) return;
    this.holds.add(until);
    for (const s of this.streams) s.stdout.pause();
    void until.then(() => {
      this.holds.delete(until);
      if (this.holds.size === 0) for (const s of this.streams) s.stdout.resume();
    });
  }

  private async connect(): Promise<void> {
    const generation = ++this.generation;
    this.setState('connecting', this.lastError);
    const started = [this.startStream(['qemu-monitor-event', '--loop']), this.startStream(['event', '--event', 'lifecycle', '--loop'])];
    this.streams = started.map((s) => s.child);
    const ended = Promise.race(started.map((s) => s.ended));
    const failure = await Promise.race([ended, sleep(REGISTER_GRACE_MS).then(() => this.sync(generation))]);
    if (generation !== this.generation) return;
    if (failure === null) {
      this.attempt = 0;
      this.setState('connected', null);
    }
    const why = failure ?? (await ended);
    if (generation !== this.generation) return;
    // When libvirtd goes away each virsh notices on its own, and the one still running may hold
    // events it has received but not printed yet: it gets a moment to print them and end.
    await Promise.race([Promise.all(started.map((s) => s.ended)), sleep(STREAM_END_GRACE_MS)]);
    if (generation !== this.generation) return;
    await Promise.all(this.streams.map(killStream));
    this.streams = [];
    // Once per distinct message: an unreachable host would otherwise log every few seconds for ever.
    if (why !== this.lastError) this.opts.log.warn('libvirt connection failed; retrying with backoff', { uri: this.uri, error: why });
    this.setState('disconnected', why);
    const delay = backoffDelay(this.attempt++, backoffPolicy(this.opts.reconnect ?? {}));
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) void this.connect();
    }, delay);
  }

  /** Reads the version and every domain's state; null when it worked, else libvirt's message. */
  private async sync(generation: number): Promise<string | null> {
    const version = await runVirsh(this.virsh, this.uri, ['version']);
    if (!version.ok) return version.error;
    this.qemuVersion = HYPERVISOR.exec(version.stdout)?.[1] ?? null;
    const list = await runVirsh(this.virsh, this.uri, ['list', '--all', '--name']);
    if (!list.ok) return list.error;
    if (generation !== this.generation) return null;
    const names = new Set(list.stdout.split('\n').filter((n) => n !== ''));
    for (const name of names) this.domainOf(name);
    for (const [domain, vm] of this.domains) {
      // Undefined while we were not listening.
      if (!names.has(domain) && vm.state.status !== 'undefined') this.setStatus(vm, 'undefined');
    }
    await Promise.all([...names].map((name) => this.refresh(name)));
    return null;
  }

  /** Starts one virsh event loop; `ended` resolves with why it ended, once every line it printed was read. */
  private startStream(args: string[]): { child: Stream; ended: Promise<string> } {
    const child = spawnVirsh(this.virsh, this.uri, args);
    let onEnd: (why: string) => void = () => {};
    const ended = new Promise<string>((resolve) => (onEnd = resolve));
    let stderr = '';
    const lines = new BoundedLines(
      this.opts.maxLineBytes,
      (line) => this.onLine(line, pending),
      (bytes) =>
        this.opts.log.warn('dropped a line from virsh longer than the limit', {
          uri: this.uri,
          command: args[0],
          bytes,
          maxBytes: this.opts.maxLineBytes,
        }),
    );
    let pending = new Map<string, QmpEvent[]>();
    child.stdout.on('data', (chunk: Buffer) => {
      lines.push(chunk);
      const batches = pending;
      pending = new Map();
      for (const [vm, events] of batches) {
        const behind = this.opts.onEvents(vm, events);
        if (behind) this.hold(behind);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      if (stderr.length < MAX_STDERR) stderr += text.slice(0, MAX_STDERR - stderr.length);
    });
    let done = false;
    const end = (err: Error | null): void => {
      if (done) return;
      done = true;
      onEnd(virshFailure(this.virsh, err, stderr) || `virsh ${args[0]} ended`);
    };
    child.on('error', (err) => end(err));
    // 'close' comes after stdout's last data: every line virsh printed was read first.
    child.on('close', (code, signal) => end(code === 0 || signal ? null : new Error(`virsh ${args[0]} exited with ${code}`)));
    if (this.holds.size > 0) child.stdout.pause();
    return { child, ended };
  }

  private onLine(line: string, pending: Map<string, QmpEvent[]>): void {
    const parsed = parseVirshLine(line, (d) => this.domains.has(d));
    switch (parsed.kind) {
      case 'ignored':
        return;
      case 'malformed':
        this.opts.log.warn('ignored a line from virsh', { uri: this.uri, reason: parsed.reason, line: line.slice(0, 300) });
        return;
      case 'lifecycle': {
        const vm = this.domainOf(parsed.domain);
        if (parsed.change === 'Undefined') this.setStatus(vm, 'undefined');
        else void this.refresh(parsed.domain);
        return;
      }
      case 'monitor-event': {
        const vm = this.domainOf(parsed.domain);
        const event: QmpEvent = { event: parsed.event, timestamp: parsed.timestamp, receivedAt: this.now() };
        if (parsed.data !== undefined) event.data = parsed.data;
        const list = pending.get(vm.name);
        if (list) list.push(event);
        else pending.set(vm.name, [event]);
        return;
      }
    }
  }

  /** The VM of a domain, created (and announced) the first time it is seen. */
  private domainOf(domain: string): LibvirtDomainVm {
    let vm = this.domains.get(domain);
    if (!vm) {
      const state: DomainState = { status: null, qemuVersion: null };
      vm = new LibvirtDomainVm(this.opts.vmName(domain), domain, this, state);
      this.domains.set(domain, vm);
      this.opts.onDomain(vm);
      this.opts.onConnectionChange?.();
    }
    return vm;
  }

  /** Asks libvirt for one domain's state, after the refreshes already asked for. */
  private refresh(domain: string): Promise<void> {
    const run = async (): Promise<void> => {
      const vm = this.domains.get(domain);
      if (!vm || this.stopped) return;
      const answer = await runVirsh(this.virsh, this.uri, ['domstate', '--domain', domain]);
      if (answer.ok) this.setStatus(vm, answer.stdout.trim().split('\n')[0]!.slice(0, 64) || null);
      else if (NO_DOMAIN.test(answer.error)) this.setStatus(vm, 'undefined');
      else this.opts.log.warn('cannot read the state of a libvirt domain', { uri: this.uri, domain, error: answer.error });
    };
    this.refreshes = this.refreshes.then(run);
    return this.refreshes;
  }

  private setStatus(vm: LibvirtDomainVm, status: string | null): void {
    // A query that answers after stop() must not reach a registry and relay that are closing.
    if (this.stopped) return;
    const live = status !== null && status !== 'shut off' && status !== 'undefined';
    const version = live ? this.qemuVersion : vm.state.qemuVersion;
    if (vm.state.status === status && vm.state.qemuVersion === version) return;
    vm.state.status = status;
    vm.state.qemuVersion = version;
    this.opts.onChange(vm.name);
  }

  private setState(state: ConnectionState, error: string | null): void {
    if (state !== this.state) this.since = this.now();
    const changed = state !== this.state || error !== this.lastError;
    this.state = state;
    this.lastError = error;
    if (!changed) return;
    for (const vm of this.domains.values()) this.opts.onChange(vm.name);
    this.opts.onConnectionChange?.();
  }
}

function sleep(ms: number): Promise<null> {
  return new Promise((resolve) => setTimeout(() => resolve(null), ms));
}

async function killStream(child: Stream): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  child.kill('SIGTERM');
  await closed;
}
