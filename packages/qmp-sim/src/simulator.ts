import fs from 'node:fs';
import net from 'node:net';
import {
  applyRunStateEvent,
  formatTarget,
  parseTarget,
  QmpFramer,
  runStateFromQuery,
  type JsonObject,
  type JsonValue,
  type QmpTarget,
  type RunState,
} from '@qmpscope/qmp';
import { DemoStory } from './demoScenario.js';
import { FloodWriter } from './flood.js';
import { eventLine, nowMicros, toQmpJson } from './qmpJson.js';
import { createRandom } from './random.js';

export type QmpSimulatorScenario = 'demo' | 'idle' | { flood: { eventsPerSecond: number } };

export interface QmpSimulatorOptions {
  /** Where to listen; `tcp:127.0.0.1:0` picks a free port (see `target` for the real one). */
  listen: QmpTarget | string;
  /** query-name's answer; absent: `{}` like QEMU without -name. */
  name?: string;
  /** QEMU version to claim, "major.minor.micro" (default "7.2.0"). */
  version?: string;
  /** default 'idle': only events passed to emit(). */
  scenario?: QmpSimulatorScenario;
  /** Offer the oob capability in the greeting (default true, like QEMU 7.2). */
  oob?: boolean;
  /** Seed for the demo story (default: time), to replay a run. */
  seed?: number;
}

export interface QmpSimulator {
  /** The listening address as a target string, e.g. `tcp:127.0.0.1:40123`. */
  readonly target: string;
  /** Sends an event to every negotiated client, as QEMU broadcasts to every monitor. */
  emit(event: string, data?: object): void;
  close(): Promise<void>;
  /**
   * Stops producing events (flood, demo story) and resolves once everything written so far has
   * left this process (each client socket's buffer is empty): then `eventsSent` events are all in
   * the kernel, readable by the clients even after close(). Rejects after `timeoutMs`.
   */
  quiesce(timeoutMs?: number): Promise<void>;
  /** Connected clients (negotiated or not). */
  readonly clients: number;
  /** Events written so far, counted once per event (not per client). */
  readonly eventsSent: number;
}

interface SimClient {
  socket: net.Socket;
  negotiated: boolean;
}

class Simulator implements QmpSimulator {
  readonly #server: net.Server;
  readonly #opts: QmpSimulatorOptions;
  readonly #clients = new Set<SimClient>();
  readonly #version: { major: number; minor: number; micro: number };
  #target = '';
  #runState: RunState = runStateFromQuery('running', true);
  #timer: NodeJS.Timeout | null = null;
  #flood: FloodWriter | null = null;
  #eventsSent = 0;

  constructor(opts: QmpSimulatorOptions) {
    this.#opts = opts;
    const [major = 7, minor = 2, micro = 0] = (opts.version ?? '7.2.0').split('.').map(Number);
    this.#version = { major, minor, micro };
    this.#server = net.createServer((socket) => this.#accept(socket));
  }

  get target(): string {
    return this.#target;
  }
  get clients(): number {
    return this.#clients.size;
  }
  get eventsSent(): number {
    return this.#eventsSent + (this.#flood?.sent ?? 0);
  }

  async listen(): Promise<void> {
    const t = typeof this.#opts.listen === 'string' ? parseTarget(this.#opts.listen, { listen: true }) : this.#opts.listen;
    if (t.kind === 'unix') removeStaleSocket(t.path);
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(t.kind === 'unix' ? { path: t.path } : { host: t.host, port: t.port }, () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
    const addr = this.#server.address();
    this.#target =
      t.kind === 'unix' || addr === null || typeof addr === 'string'
        ? formatTarget(t)
        : formatTarget({ kind: 'tcp', host: t.host, port: addr.port });
    this.#startScenario();
  }

  emit(event: string, data?: object): void {
    this.#runState = applyRunStateEvent(this.#runState, event, data as JsonObject | undefined);
    this.#eventsSent++;
    this.#broadcast(eventLine(event, data, nowMicros()));
  }

  async quiesce(timeoutMs = 30_000): Promise<void> {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#flood?.stop();
    const deadline = performance.now() + timeoutMs;
    const buffered = (): number => [...this.#clients].reduce((n, c) => n + (c.socket.destroyed ? 0 : c.socket.writableLength), 0);
    while (buffered() > 0) {
      if (performance.now() > deadline)
        throw new Error(`simulator ${this.#target}: ${buffered()} bytes still unsent after ${timeoutMs} ms (is the client reading?)`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async close(): Promise<void> {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#flood?.stop();
    for (const c of this.#clients) c.socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #startScenario(): void {
    const scenario = this.#opts.scenario ?? 'idle';
    if (scenario === 'idle') return;
    if (scenario === 'demo') {
      const story = new DemoStory(createRandom(this.#opts.seed));
      const tick = (): void => {
        const step = story.next(this.#runState.status ?? 'running');
        this.#timer = setTimeout(() => {
          this.emit(step.event, step.data);
          tick();
        }, step.delayMs);
      };
      tick();
      return;
    }
    // A beat of its own per simulator, so a fleet started together sends steadily, not in pulses
    // (a seed from the clock would give simulators started in the same millisecond the same beat).
    const phase = this.#opts.seed === undefined ? Math.random() : createRandom(this.#opts.seed)();
    this.#flood = new FloodWriter(scenario.flood.eventsPerSecond, () => this.#negotiatedSockets(), phase);
    this.#flood.start();
  }

  #negotiatedSockets(): net.Socket[] {
    const out: net.Socket[] = [];
    for (const c of this.#clients) if (c.negotiated) out.push(c.socket);
    return out;
  }

  #broadcast(text: string): void {
    for (const c of this.#clients) if (c.negotiated) c.socket.write(text);
  }

  #accept(socket: net.Socket): void {
    const client: SimClient = { socket, negotiated: false };
    this.#clients.add(client);
    socket.on('error', () => {
      // A client vanishing mid-write is normal for a monitor; QEMU ignores it too.
    });
    socket.on('close', () => this.#clients.delete(client));
    const framer = new QmpFramer({
      onMessage: (m) => this.#command(client, m),
      onIssue: (issue) => reply(socket, { error: { class: 'GenericError', desc: `JSON parse error, ${issue.message}` } }),
    });
    socket.on('data', (chunk: Buffer) => framer.push(chunk));
    const greeting = {
      QMP: {
        version: { qemu: this.#version, package: `Debian 1:${this.#opts.version ?? '7.2'}+dfsg-7+deb12u6` },
        capabilities: this.#opts.oob === false ? [] : ['oob'],
      },
    };
    socket.write(toQmpJson(greeting) + '\r\n');
  }

  #command(client: SimClient, msg: JsonValue): void {
    if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) {
      return reply(client.socket, { error: { class: 'GenericError', desc: 'QMP input must be a JSON object' } });
    }
    const id = msg['id'];
    const name = msg['execute'] ?? msg['exec-oob'];
    const answer = (body: JsonObject): void => reply(client.socket, id === undefined ? body : { ...body, id });
    if (typeof name !== 'string') return answer({ error: { class: 'GenericError', desc: "QMP input lacks member 'execute'" } });
    if (!client.negotiated) {
      if (name !== 'qmp_capabilities') return answer(notFound("Expecting capabilities negotiation with 'qmp_capabilities'"));
      const args = msg['arguments'];
      const enable = typeof args === 'object' && args !== null && !Array.isArray(args) ? args['enable'] : undefined;
      if (Array.isArray(enable) && enable.includes('oob') && this.#opts.oob === false) {
        return answer({ error: { class: 'GenericError', desc: "Capability 'oob' not available" } });
      }
      client.negotiated = true;
      return answer({ return: {} });
    }
    answer(this.#query(name));
  }

  #query(name: string): JsonObject {
    switch (name) {
      case 'query-status':
        return { return: { status: this.#runState.status ?? 'running', singlestep: false, running: this.#runState.running ?? true } };
      case 'query-name':
        return { return: this.#opts.name === undefined ? {} : { name: this.#opts.name } };
      case 'query-version':
        return { return: { qemu: this.#version, package: `Debian 1:${this.#opts.version ?? '7.2'}+dfsg-7+deb12u6` } };
      case 'qmp_capabilities':
        return notFound('Capabilities negotiation is already complete, command ignored');
      default:
        return notFound(`The command ${name} has not been found`);
    }
  }
}

function notFound(desc: string): JsonObject {
  return { error: { class: 'CommandNotFound', desc } };
}

function reply(socket: net.Socket, body: JsonObject): void {
  socket.write(toQmpJson(body) + '\r\n');
}

/** Like QEMU, take over a socket path left behind by a dead process; never delete a regular file. */
function removeStaleSocket(path: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(path);
  } catch {
    return; // nothing there: the normal case
  }
  if (stat.isSocket()) fs.unlinkSync(path);
}

/** Starts a QMP server that speaks the protocol like QEMU 7.2 does. */
export async function startQmpSimulator(opts: QmpSimulatorOptions): Promise<QmpSimulator> {
  const sim = new Simulator(opts);
  await sim.listen();
  return sim;
}
