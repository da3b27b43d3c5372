import { QmpClient, type QmpEvent, type QmpStateChange, type QmpVmInfo } from '@qmpscope/qmp';
import type { VmInfo } from '@qmpscope/events';
import type { Log } from '../log/log.js';
import { RepeatedWarning } from '../log/repeatedWarning.js';

/** What a session knows of its VM apart from the event counters (those live in storage). */
export type VmSessionState = Omit<VmInfo, 'eventCount' | 'lastEvent'>;

export interface VmSessionOptions {
  name: string;
  target: string;
  maxLineBytes: number;
  /**
   * Every batch of events read from the QMP socket. A returned promise means "behind": the session
   * stops reading the socket until it resolves (QEMU waits; nothing is dropped).
   */
  onEvents: (vm: string, events: QmpEvent[]) => Promise<void> | null | void;
  /** Connection, run state, version or name changed. */
  onChange: (vm: string) => void;
  log: Log;
  now?: () => number;
}

/**
 * One watched VM: a QmpClient that reconnects forever, and the state the dashboard shows.
 * Read-only: it never sends a command; the client itself only negotiates and runs its queries.
 */
export class VmSession {
  private readonly client: QmpClient;
  private readonly state: VmSessionState;
  private readonly now: () => number;

  constructor(private readonly opts: VmSessionOptions) {
    this.now = opts.now ?? Date.now;
    this.client = new QmpClient({ target: opts.target, maxLineBytes: opts.maxLineBytes });
    this.state = {
      name: opts.name,
      target: opts.target,
      connection: 'disconnected',
      connectionSince: this.now(),
      lastError: null,
      status: null,
      qemuVersion: null,
      guestName: null,
    };
    this.client.on('events', (batch) => this.onEvents(batch));
    this.client.on('state', (change) => this.onState(change));
    this.client.on('info', (info) => this.onInfo(info));
    // Stream problems (a bad line) do not end the connection; they are worth knowing about, not
    // fatal. A peer sends them at any rate: one line a second at most.
    const issues = new RepeatedWarning((msg, fields) => opts.log.warn(msg, fields), 1000);
    this.client.on('protocolIssue', (issue) =>
      issues.note('QMP stream problem (the connection stays)', { vm: opts.name, kind: issue.kind, issue: issue.message }),
    );
  }

  get name(): string {
    return this.opts.name;
  }

  snapshot(): VmSessionState {
    return { ...this.state };
  }

  start(): void {
    this.client.start();
  }

  stop(): Promise<void> {
    return this.client.stop();
  }

  /** Stops reading this VM's socket until `until` settles (QEMU blocks on its side meanwhile). */
  hold(until: Promise<void>): void {
    this.client.pause();
    void until.then(() => this.client.resume());
  }

  private onEvents(batch: QmpEvent[]): void {
    const behind = this.opts.onEvents(this.opts.name, batch);
    if (behind) this.hold(behind);
  }

  private onState(change: QmpStateChange): void {
    const s = this.state;
    if (s.connection !== change.state) {
      s.connection = change.state;
      s.connectionSince = this.now();
    }
    if (change.error !== undefined) s.lastError = change.error;
    else if (change.state === 'connected') s.lastError = null;
    this.opts.onChange(this.opts.name);
  }

  private onInfo(info: QmpVmInfo): void {
    this.state.status = info.status;
    this.state.guestName = info.name;
    if (info.version !== null) this.state.qemuVersion = info.version;
    this.opts.onChange(this.opts.name);
  }
}
