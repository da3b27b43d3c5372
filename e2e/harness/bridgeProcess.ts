import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import type { EventsResponse, StoredEvent } from '@qmpscope/events';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const bridgeMain = join(repoRoot, 'apps/bridge/dist/main.js');

/** One line of the bridge's JSON log: level, ISO time, message, and the record's fields. */
export interface LogRecord {
  level: string;
  time: string;
  msg: string;
  [field: string]: unknown;
}

/** The built bridge as users run it (`npm start -- ...` ends up here), in its own process. */
export class BridgeProcess {
  private child: ChildProcess | null = null;
  output = '';
  /** stderr alone: the bridge's log. */
  log = '';
  url = '';
  readonly dataDir: string;

  constructor(
    private readonly args: string[],
    dataDir?: string,
    /** Added to the bridge's environment (e.g. NODE_EXTRA_CA_CERTS). */
    private readonly env: Record<string, string> = {},
  ) {
    this.dataDir = dataDir ?? mkdtempSync(join(tmpdir(), 'qmpscope-bridge-'));
  }

  async start(port = 0): Promise<string> {
    if (!existsSync(bridgeMain)) throw new Error(`${bridgeMain} is missing: run \`npm run build\` first`);
    this.output = '';
    this.log = '';
    const child = spawn(process.execPath, [bridgeMain, '--port', String(port), '--data-dir', this.dataDir, ...this.args], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...this.env },
    });
    this.child = child;
    const onData = (chunk: Buffer) => {
      this.output += chunk.toString();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      this.log += chunk.toString();
    });
    const deadline = Date.now() + 20_000;
    for (;;) {
      const match = /dashboard at (http:\/\/\S+)/.exec(this.output);
      if (match?.[1]) {
        this.url = match[1].replace(/\/$/, '');
        return this.url;
      }
      if (child.exitCode !== null) throw new Error(`bridge exited with ${child.exitCode}:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`bridge did not print its URL within 20 s:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** The running process's pid (0 when stopped). */
  get pid(): number {
    return this.child?.pid ?? 0;
  }

  /**
   * The log as records: the bridge runs with stderr on a pipe, so it writes JSON lines. Throws on a
   * line that is not a JSON object with string level, time and msg.
   */
  logRecords(): LogRecord[] {
    return this.log
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => {
        const record: unknown = JSON.parse(line);
        const r = record as Partial<LogRecord> | null;
        if (typeof r !== 'object' || r === null || typeof r.level !== 'string' || typeof r.time !== 'string' || typeof r.msg !== 'string') {
          throw new Error(`not a log record: ${line}`);
        }
        return r as LogRecord;
      });
  }

  /** The port it listens on, to restart it on the same address (a shared link must survive a restart). */
  get port(): number {
    return Number(new URL(this.url).port);
  }

  /** Sends a signal without waiting for an exit (SIGHUP: reload the config file). */
  signal(signal: NodeJS.Signals): void {
    if (!this.child || this.child.exitCode !== null) throw new Error(`the bridge is not running: cannot send ${signal}`);
    this.child.kill(signal);
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    await exited;
  }

  async dispose(): Promise<void> {
    await this.stop('SIGKILL');
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  async getJson<T>(path: string): Promise<T> {
    const res = await fetch(this.url + path);
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** Every stored event matching `query` (e.g. `vm=vm1`), ascending, following `hasMore` pages. */
  async allEvents(query = ''): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    let after = 0;
    for (;;) {
      const page = await this.getJson<EventsResponse>(`/api/events?${query ? `${query}&` : ''}after=${after}&limit=10000`);
      out.push(...page.events);
      if (!page.hasMore) return out;
      after = page.events.at(-1)?.seq ?? after;
    }
  }
}
