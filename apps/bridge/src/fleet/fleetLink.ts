import { Redis } from 'ioredis';
import { PUBLISH_LIBRARY } from './publishFunction.js';
import { redactFleetUrl } from './fleetUrl.js';

/** Reconnect delays grow to this (ms): Redis back after a restart is seen within it. */
export const MAX_RECONNECT_MS = 2000;
const CLOSE_REASON_WAIT_MS = 200;

export interface FleetLinkOptions {
  url: string;
  /** Redis answers (null) or stopped answering (the reason, in words a user can act on). */
  onState: (error: string | null) => void;
  /** Redis answered a command with an error while connected (repeats are the caller's to thin out). */
  onCommandError: (message: string) => void;
}

/**
 * The bridge's two Redis connections: `commands` (publishing, VM states) and `reader` (the blocking
 * XREAD, which holds its connection while it waits). Both reconnect with backoff forever; commands
 * fail at once while Redis is away (no offline queue), so callers see the outage and retry.
 */
export class FleetLink {
  readonly commands: Redis;
  readonly reader: Redis;
  readonly shownUrl: string;
  private error: string | null = 'connecting to Redis';
  private functionLoaded: Promise<void> | null = null;
  private closed = false;
  private pendingClose: NodeJS.Timeout | null = null;
  private readonly waiters = new Set<() => void>();

  constructor(private readonly opts: FleetLinkOptions) {
    this.shownUrl = redactFleetUrl(opts.url);
    this.commands = this.connect();
    this.commands.on('error', (err: unknown) => {
      this.clearPendingClose();
      this.setError(this.describe(err));
    });
    // A refused connection closes before its 'error' says why: the reason, when it comes, is the better message;
    // and a close after an error (a TLS handshake refused) keeps that error's reason.
    this.commands.on('close', () => {
      if (this.closed || this.pendingClose !== null || this.failedAttempt()) return;
      this.pendingClose = setTimeout(() => {
        this.pendingClose = null;
        this.setError(this.describe(new Error('Connection is closed')));
      }, CLOSE_REASON_WAIT_MS);
    });
    this.commands.on('ready', () => void this.onReady());
    this.reader = this.connect();
    // The reader's failures reach the consumer's XREAD, which retries; the outage is reported by `commands`.
    this.reader.on('error', () => undefined);
  }

  /** An error of this outage is known already (not only "connecting"). */
  private failedAttempt(): boolean {
    return this.error !== null && this.error !== 'connecting to Redis';
  }

  /** Null while Redis answers and the publish function is loaded. */
  get lastError(): string | null {
    return this.error;
  }

  get reachable(): boolean {
    return this.error === null;
  }

  /** Resolves once Redis answers (at once if it does now), or when the link closes. */
  whenReady(): Promise<void> {
    if (this.error === null || this.closed) return Promise.resolve();
    return new Promise((resolve) => this.waiters.add(resolve));
  }

  /**
   * A command failed. With the connection down that is the outage (already reported); with it up,
   * Redis refused the command: lost the function (restarted without persistence, reloaded here),
   * or an error of the command itself, which is reported and does not make Redis unreachable.
   */
  noteFailure(err: unknown): void {
    const message = this.describe(err);
    if (this.commands.status !== 'ready') {
      this.setError(message);
      return;
    }
    if (/function not found|unknown command/i.test(message)) {
      this.functionLoaded = null;
      this.setError(message);
      void this.onReady();
      return;
    }
    this.opts.onCommandError(message);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.clearPendingClose();
    for (const wake of this.waiters) wake();
    this.waiters.clear();
    this.commands.disconnect();
    this.reader.disconnect();
  }

  /** Says why Redis cannot be used, naming the URL without its password. */
  describe(err: unknown): string {
    const raw = err instanceof Error ? err.message : String(err);
    const at = `Redis at ${this.shownUrl}`;
    if (/WRONGPASS|NOAUTH|invalid password/i.test(raw))
      return `${at} refused the password: check the password in the --fleet URL (${firstLine(raw)})`;
    if (/unknown command .?FUNCTION|unknown command .?FCALL/i.test(raw))
      return `${at} has no FUNCTION command: the fleet needs Redis 7 or newer (${firstLine(raw)})`;
    if (/certificate|self[- ]signed|CERT_|ERR_TLS|SSL routines|altnames/i.test(raw)) {
      return `${at}: its TLS certificate is not trusted here (${firstLine(raw)}): give the CA that signed it with NODE_EXTRA_CA_CERTS=/path/to/ca.pem in the bridge's environment`;
    }
    if (/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|Connection is closed|ECONNRESET|EAI_AGAIN/i.test(raw)) {
      return `cannot reach ${at}: ${firstLine(raw)} — is redis-server running there? Retrying; this bridge keeps watching its own VMs`;
    }
    return `${at}: ${firstLine(raw)}`;
  }

  private connect(): Redis {
    const redis = new Redis(this.opts.url, {
      lazyConnect: false,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      // RESP2: plain arrays, and no HELLO, so an old Redis says which command it lacks.
      protocol: 2,
      retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 5), MAX_RECONNECT_MS),
      connectionName: 'qmpscope',
    });
    return redis;
  }

  private async onReady(): Promise<void> {
    const load = (this.functionLoaded ??= this.commands.call('FUNCTION', 'LOAD', 'REPLACE', PUBLISH_LIBRARY).then(() => undefined));
    try {
      await load;
    } catch (err) {
      this.functionLoaded = null;
      this.setError(this.describe(err));
      return;
    }
    this.setError(null);
  }

  private clearPendingClose(): void {
    if (this.pendingClose !== null) clearTimeout(this.pendingClose);
    this.pendingClose = null;
  }

  private setError(message: string | null): void {
    if (message === null) this.clearPendingClose();
    if (this.closed || message === this.error) return;
    // Only the first failure of an outage is reported; reconnect attempts repeat it.
    if (message !== null && this.error !== null && this.error !== 'connecting to Redis') {
      this.error = message;
      return;
    }
    this.error = message;
    this.opts.onState(message);
    if (message === null) {
      for (const wake of this.waiters) wake();
      this.waiters.clear();
    }
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.slice(0, 300);
}
