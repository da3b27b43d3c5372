import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HealthResponse } from '@qmpscope/events';
import { childPath } from './childPath.js';

const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const BRIDGE_MAIN = join(REPO, 'apps/bridge/dist/main.js');

export interface ClientsReport {
  clients: { firstAfter: number; received: number; maxSeq: number; connects: number }[];
  latencyMs: number[];
  /** The bridge's part of latencyMs: from its reading the line (`receivedAt`) to the client. */
  bridgeMs: number[];
  written: [number, number][];
}

/**
 * One bench setup, each part its own process: a simulated fleet, the bridge (pinned to CPU 0 so it
 * has one core), socket.io clients. Everything but the bridge runs on CPU 1.
 */
export class Rig {
  private constructor(
    readonly dir: string,
    readonly url: string,
    readonly bridge: ChildProcess,
    private readonly fleet: ChildProcess | null,
    private readonly clients: ChildProcess | null,
  ) {}

  static async start(opts: { vms: number; rate: number; clients: number; dataDir?: string }): Promise<Rig> {
    const dir = mkdtempSync(join(tmpdir(), 'qmpscope-bench-rig-'));
    const started: ChildProcess[] = [];
    try {
      let fleet: ChildProcess | null = null;
      let targets: string[] = [];
      if (opts.vms > 0) {
        fleet = fork(childPath('floodFleet'), [dir, String(opts.vms), String(opts.rate)], { execArgv: [] });
        started.push(fleet);
        pin(fleet, 1);
        targets = (await nextMessage<{ ready: string[] }>(fleet, 'ready', 60_000)).ready;
      }
      const config = join(dir, 'qmpscope.json');
      writeFileSync(config, JSON.stringify({ vms: targets.map((target, i) => ({ name: `vm${i}`, target })) }));
      const args = [BRIDGE_MAIN, '--port', '0', '--data-dir', opts.dataDir ?? join(dir, 'data')];
      if (targets.length > 0) args.push('--config', config);
      else args.push('--demo');
      // Another build of the web app (e.g. the one before a change), to compare both in one session.
      const webDir = process.env.QMPSCOPE_BENCH_WEB_DIR;
      if (webDir !== undefined && webDir !== '') args.push('--web-dir', webDir);
      const bridge = spawn('taskset', ['-c', '0', process.execPath, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
      started.push(bridge);
      const url = await bridgeUrl(bridge);
      let clients: ChildProcess | null = null;
      if (opts.clients > 0) {
        clients = fork(childPath('sioClients'), [url, String(opts.clients)], { execArgv: [] });
        started.push(clients);
        pin(clients, 1);
        await nextMessage(clients, 'ready', 90_000);
      }
      return new Rig(dir, url, bridge, fleet, clients);
    } catch (err) {
      // A rig that cannot start must not leave a fleet or a bridge running behind the next case.
      for (const child of started) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw err;
    }
  }

  get bridgePid(): number {
    // taskset execs node in place, so its pid is the bridge's.
    return this.bridge.pid ?? -1;
  }

  /** The fleet's and the clients' process ids (-1 when absent): both run on CPU 1. */
  get helperPids(): { fleet: number; clients: number } {
    return { fleet: this.fleet?.pid ?? -1, clients: this.clients?.pid ?? -1 };
  }

  async health(): Promise<HealthResponse> {
    const res = await fetch(new URL('/healthz', this.url));
    return (await res.json()) as HealthResponse;
  }

  async report(): Promise<ClientsReport> {
    if (!this.clients) throw new Error('this rig has no socket.io clients');
    this.clients.send('report');
    return nextMessage<ClientsReport>(this.clients, 'clients', 30_000);
  }

  /** Stops the fleet (the bridge keeps what it read) and returns how many events it wrote. */
  async stopFleet(): Promise<number> {
    if (!this.fleet) return 0;
    this.fleet.send('stop');
    return (await nextMessage<{ sent: number }>(this.fleet, 'sent', 30_000)).sent;
  }

  async stop(): Promise<void> {
    this.clients?.kill();
    this.fleet?.kill();
    const exited = new Promise((r) => this.bridge.once('exit', r));
    this.bridge.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (this.bridge.exitCode === null) this.bridge.kill('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function pin(child: ChildProcess, cpu: number): void {
  if (child.pid !== undefined) spawn('taskset', ['-pc', String(cpu), String(child.pid)], { stdio: 'ignore' });
}

export function bridgeUrl(bridge: ChildProcess): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the bridge did not print its URL within 60 s; it said: ${out}`)), 60_000);
    bridge.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /dashboard at (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolvePromise(m[1]);
      }
    });
    bridge.once('exit', (code) => reject(new Error(`the bridge exited (code ${code}) before listening: ${out}`)));
  });
}

export function nextMessage<T>(child: ChildProcess, key: string, timeoutMs: number): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${key}" message from a bench child within ${timeoutMs} ms`)), timeoutMs);
    const onExit = (code: number | null): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      reject(new Error(`a bench child exited (code ${code}) before sending "${key}"`));
    };
    const onMessage = (msg: unknown): void => {
      if (typeof msg !== 'object' || msg === null || !(key in msg)) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolvePromise(msg as T);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
