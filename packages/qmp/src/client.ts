import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { backoffDelay, backoffPolicy, type BackoffPolicy } from './backoff.js';
import { CommandQueue } from './commandQueue.js';
import { DEFAULT_MAX_LINE_BYTES, QmpFramer } from './framing.js';
import { classifyMessage, isObject } from './messages.js';
import { previewValue } from './preview.js';
import { applyRunStateEvent, INITIAL_RUN_STATE, runStateFromQuery, type RunState } from './runState.js';
import { describeSocketError } from './socketError.js';
import { formatTarget, parseTarget } from './target.js';
import { TypedEmitter } from './typedEmitter.js';
import type {
  JsonObject,
  JsonValue,
  QmpClientEvents,
  QmpClientOptions,
  QmpConnectionState,
  QmpEvent,
  QmpGreeting,
  QmpProtocolIssue,
  QmpStateChange,
  QmpTarget,
  QmpVmInfo,
} from './types.js';

/**
 * Where every client's socket reads land, shared: each read is handed to its framer, which
 * decodes it to text at once, before the event loop reads another socket. A stream's 'data'
 * event instead allocated a Buffer per read and went through the Readable machinery (next-tick
 * callbacks included), a cost per read that many busy VMs multiply.
 */
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);

/** One socket's life: from connect to close. Handlers of an old connection check `conn === this.#conn`. */
interface Connection {
  socket: net.Socket;
  framer: QmpFramer;
  commands: CommandQueue;
  phase: 'greeting' | 'negotiating' | 'ready';
  socketConnected: boolean;
  /** Why this connection ended, set by the first cause seen. */
  error: string | null;
  greetingTimer: NodeJS.Timeout;
  batch: QmpEvent[];
  receivedAt: number;
  infoChanged: boolean;
}

/**
 * A QMP client for watching one QEMU monitor: connects (unix or TCP), negotiates,
 * relays every event, runs commands, and reconnects with backoff until stopped.
 */
export class QmpClient extends TypedEmitter<QmpClientEvents> {
  readonly #target: QmpTarget;
  readonly #where: string;
  readonly #maxLineBytes: number;
  readonly #greetingTimeoutMs: number;
  readonly #commandTimeoutMs: number;
  readonly #backoff: BackoffPolicy | null;
  #state: QmpConnectionState = 'disconnected';
  #greeting: QmpGreeting | null = null;
  #info: QmpVmInfo = { status: null, running: null, name: null, version: null };
  #runState: RunState = INITIAL_RUN_STATE;
  #conn: Connection | null = null;
  #started = false;
  #attempt = 0;
  #reconnectTimer: NodeJS.Timeout | null = null;
  #paused = false;

  constructor(opts: QmpClientOptions) {
    super();
    this.#target = typeof opts.target === 'string' ? parseTarget(opts.target) : opts.target;
    this.#where = formatTarget(this.#target);
    this.#maxLineBytes = opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    this.#greetingTimeoutMs = opts.greetingTimeoutMs ?? 5000;
    this.#commandTimeoutMs = opts.commandTimeoutMs ?? 30_000;
    this.#backoff = opts.reconnect === false ? null : backoffPolicy(opts.reconnect);
  }

  get state(): QmpConnectionState {
    return this.#state;
  }
  get greeting(): QmpGreeting | null {
    return this.#greeting;
  }
  get info(): QmpVmInfo {
    return { ...this.#info };
  }
  get target(): QmpTarget {
    return this.#target;
  }
  get paused(): boolean {
    return this.#paused;
  }

  /**
   * Stops reading the QMP socket (backpressure for a consumer that is behind). QEMU then blocks
   * on its side when its buffer fills, as it does for any slow monitor client: nothing is lost.
   * Replies to commands are not read either while paused, nor the end of the connection: a
   * QEMU that quit meanwhile is noticed once resumed. Holds across reconnects until resume().
   */
  pause(): void {
    if (this.#paused) return;
    this.#paused = true;
    this.#conn?.socket.pause();
  }

  /** Reads the socket again after pause(). */
  resume(): void {
    if (!this.#paused) return;
    this.#paused = false;
    this.#conn?.socket.resume();
  }

  /** Connects, and keeps reconnecting (per options) until stop(). Calling it again is a no-op. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#attempt = 0;
    this.#connect();
  }

  /** Closes the connection and cancels reconnects; pending commands are rejected. */
  async stop(): Promise<void> {
    this.#started = false;
    if (this.#reconnectTimer !== null) clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = null;
    const conn = this.#conn;
    if (conn === null) {
      if (this.#state !== 'disconnected') this.#setState({ state: 'disconnected' });
      return;
    }
    await new Promise<void>((resolve) => {
      conn.socket.once('close', () => resolve());
      conn.socket.destroy();
    });
  }

  /** Runs a QMP command. Rejects with QmpError when QEMU answers with an error. */
  execute<T = JsonValue>(command: string, args?: JsonObject): Promise<T> {
    const conn = this.#conn;
    if (conn === null || conn.phase !== 'ready') {
      return Promise.reject(new Error(`QMP command "${command}" not sent: not connected to ${this.#where} (state: ${this.#state})`));
    }
    return conn.commands.execute(command, args) as Promise<T>;
  }

  #connect(): void {
    this.#reconnectTimer = null;
    this.#setState({ state: 'connecting' });
    const t = this.#target;
    // Reads go straight to the framer (see READ_BUFFER), not through the stream's 'data' events.
    const onread = {
      buffer: READ_BUFFER,
      callback: (n: number, buf: Uint8Array): boolean => {
        this.#onData(conn, buf.subarray(0, n));
        return true;
      },
    };
    const socket =
      t.kind === 'unix' ? net.createConnection({ path: t.path, onread }) : net.createConnection({ host: t.host, port: t.port, onread });
    const conn: Connection = {
      socket,
      framer: new QmpFramer(
        { onMessage: (m) => this.#onMessage(conn, m), onIssue: (i) => this.#onFramingIssue(conn, i) },
        { maxLineBytes: this.#maxLineBytes },
      ),
      commands: new CommandQueue((line) => socket.write(line), this.#commandTimeoutMs),
      phase: 'greeting',
      socketConnected: false,
      error: null,
      greetingTimer: setTimeout(() => this.#greetingTimeout(conn), this.#greetingTimeoutMs),
      batch: [],
      receivedAt: 0,
      infoChanged: false,
    };
    this.#conn = conn;
    socket.on('connect', () => {
      conn.socketConnected = true;
      if (t.kind === 'tcp') socket.setNoDelay(true).setKeepAlive(true, 10_000);
    });
    // A paused client stays paused on reconnect.
    if (this.#paused) socket.pause();
    socket.on('error', (err: NodeJS.ErrnoException) => {
      conn.error ??= describeSocketError(t, err, conn.socketConnected);
    });
    socket.on('close', () => this.#onClose(conn));
  }

  #onData(conn: Connection, chunk: Uint8Array): void {
    // Microsecond resolution, like QEMU's own timestamps: the bridge stores receipt times exactly at that.
    conn.receivedAt = Math.round((performance.timeOrigin + performance.now()) * 1000) / 1000;
    conn.framer.push(chunk);
    if (conn.batch.length > 0) {
      const batch = conn.batch;
      conn.batch = [];
      this.emit('events', batch);
      if (this.listenerCount('event') > 0) for (const ev of batch) this.emit('event', ev);
    }
    if (conn.infoChanged) {
      conn.infoChanged = false;
      this.emit('info', this.info);
    }
    if (conn.framer.overflowed) {
      this.#drop(conn, `a message from ${this.#where} exceeded maxLineBytes (${this.#maxLineBytes}); connection reset`);
    }
  }

  #onMessage(conn: Connection, raw: JsonValue): void {
    const msg = classifyMessage(raw, conn.receivedAt);
    switch (msg.type) {
      case 'event':
        conn.batch.push(msg.event);
        this.#applyRunState(conn, msg.event);
        return;
      case 'return':
        if (!conn.commands.settle(msg.id, { value: msg.value })) {
          this.#issue('unexpected-message', `dropped a reply with unknown id ${previewValue(msg.id ?? null, 60)}`);
        }
        return;
      case 'error':
        if (!conn.commands.settle(msg.id, msg)) {
          this.#issue(
            'unexpected-message',
            `dropped an error reply with unknown id ${previewValue(msg.id ?? null, 60)}: ${msg.errorClass}: ${msg.desc}`,
          );
        }
        return;
      case 'greeting':
        if (conn.phase !== 'greeting') return this.#issue('unexpected-message', 'ignored a second greeting');
        this.#onGreeting(conn, msg.greeting);
        return;
      case 'invalid-event':
        return this.#issue('invalid-event', msg.reason);
      case 'unexpected':
        this.#issue('unexpected-message', msg.reason);
        if (conn.phase === 'greeting') this.#drop(conn, `${this.#where} did not greet like a QMP server: ${msg.reason}`);
        return;
    }
  }

  #onFramingIssue(conn: Connection, issue: QmpProtocolIssue): void {
    this.emit('protocolIssue', issue);
    if (issue.kind === 'invalid-json' && conn.phase === 'greeting') {
      this.#drop(conn, `${this.#where} sent text that is not QMP — is it an HMP monitor (-monitor) or a serial console instead of -qmp?`);
    }
  }

  #onGreeting(conn: Connection, greeting: QmpGreeting): void {
    clearTimeout(conn.greetingTimer);
    conn.phase = 'negotiating';
    this.#greeting = greeting;
    this.emit('greeting', greeting);
    void this.#negotiate(conn, greeting);
  }

  async #negotiate(conn: Connection, greeting: QmpGreeting): Promise<void> {
    // Old QEMU rejects the "enable" argument: ask for oob only when offered.
    const args = greeting.capabilities.includes('oob') ? { enable: ['oob'] } : undefined;
    try {
      await conn.commands.execute('qmp_capabilities', args);
    } catch (err) {
      this.#drop(conn, `QMP negotiation with ${this.#where} failed: ${(err as Error).message}`);
      return;
    }
    if (conn !== this.#conn) return;
    conn.phase = 'ready';
    this.#attempt = 0;
    this.#setState({ state: 'connected' });
    await this.#queryInfo(conn);
  }

  /** Nothing is replayed after a reconnect, so the VM's state is re-read each time. */
  async #queryInfo(conn: Connection): Promise<void> {
    const status = conn.commands.execute('query-status').then((r) => {
      // Applied as soon as it arrives so that run-state events after it are not overwritten.
      if (conn === this.#conn && isObject(r) && typeof r['status'] === 'string') {
        this.#runState = runStateFromQuery(r['status'].slice(0, MAX_STATUS_CHARS), r['running'] === true);
      }
    });
    const [s, name, version] = await Promise.allSettled([
      status,
      conn.commands.execute('query-name'),
      conn.commands.execute('query-version'),
    ]);
    if (conn !== this.#conn) return;
    const failed = [s, name, version].filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    for (const f of failed) this.#issue('unexpected-message', `could not read VM info: ${(f.reason as Error).message}`);
    this.#info = {
      status: this.#runState.status,
      running: this.#runState.running,
      name:
        name.status === 'fulfilled' && isObject(name.value) && typeof name.value['name'] === 'string'
          ? name.value['name'].slice(0, MAX_NAME_CHARS)
          : null,
      version: version.status === 'fulfilled' ? versionString(version.value) : null,
    };
    this.emit('info', this.info);
  }

  #applyRunState(conn: Connection, ev: QmpEvent): void {
    const next = applyRunStateEvent(this.#runState, ev.event, ev.data);
    if (next === this.#runState) return;
    this.#runState = next;
    if (next.status !== this.#info.status || next.running !== this.#info.running) {
      this.#info = { ...this.#info, status: next.status, running: next.running };
      conn.infoChanged = true;
    }
  }

  #greetingTimeout(conn: Connection): void {
    const s = this.#greetingTimeoutMs;
    this.#drop(
      conn,
      conn.socketConnected
        ? `no QMP greeting from ${this.#where} within ${s} ms — another client may hold this monitor (QEMU serves one client per -qmp socket), or it is not a QMP socket`
        : `cannot connect to ${this.#where}: no answer within ${s} ms — is the host reachable?`,
    );
  }

  #drop(conn: Connection, reason: string): void {
    conn.error ??= reason;
    conn.socket.destroy();
  }

  #onClose(conn: Connection): void {
    clearTimeout(conn.greetingTimer);
    if (conn !== this.#conn) return;
    this.#conn = null;
    const reason =
      conn.error ??
      (conn.phase === 'greeting'
        ? `connection to ${this.#where} closed by QEMU before its greeting`
        : `connection to ${this.#where} closed by QEMU`);
    if (!this.#started) {
      conn.commands.rejectAll('the client was stopped');
      this.#setState({ state: 'disconnected' });
      return;
    }
    conn.commands.rejectAll(reason);
    this.#setState({ state: 'disconnected', error: reason });
    if (this.#backoff !== null) {
      this.#reconnectTimer = setTimeout(() => this.#connect(), backoffDelay(this.#attempt++, this.#backoff));
    }
  }

  #setState(change: QmpStateChange): void {
    this.#state = change.state;
    this.emit('state', change);
  }

  #issue(kind: QmpProtocolIssue['kind'], message: string): void {
    this.emit('protocolIssue', { kind, message });
  }
}

/** A run status is a short QAPI enum; a guest name (-name) is what a person typed. Longer ones are cut where they enter. */
const MAX_STATUS_CHARS = 64;
const MAX_NAME_CHARS = 256;

function versionString(v: JsonValue): string | null {
  const q = isObject(v) ? v['qemu'] : undefined;
  if (!isObject(q)) return null;
  const part = (x: JsonValue | undefined): string => (typeof x === 'number' && Number.isSafeInteger(x) ? String(x) : '?');
  return `${part(q['major'])}.${part(q['minor'])}.${part(q['micro'])}`;
}
