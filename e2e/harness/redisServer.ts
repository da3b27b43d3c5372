import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

export const REDIS_SERVER = '/usr/bin/redis-server';

export function redisAvailable(): boolean {
  return existsSync(REDIS_SERVER);
}

export interface RedisServerOptions {
  password?: string;
  /** Extra redis-server arguments, e.g. ['--rename-command', 'FUNCTION', ''] for a Redis without functions. */
  extra?: string[];
  /** TLS only (`rediss://`), with this certificate and key (PEM files); clients need not present one. */
  tls?: { cert: string; key: string };
}

/**
 * Debian's redis-server on a free loopback port, its data (append-only file, as the fleet docs
 * advise) in a temp dir. `kill()` is kill -9; `start()` again brings it back on the same port and
 * dir with what its append-only file holds.
 */
export class RedisServer {
  readonly dir = mkdtempSync(join(tmpdir(), 'qmpscope-redis-'));
  port = 0;
  output = '';
  private child: ChildProcess | null = null;

  constructor(private readonly opts: RedisServerOptions = {}) {}

  /** `redis://[:password@]127.0.0.1:PORT` (`rediss://` with TLS) */
  get url(): string {
    const auth = this.opts.password !== undefined ? `:${encodeURIComponent(this.opts.password)}@` : '';
    return `${this.opts.tls ? 'rediss' : 'redis'}://${auth}127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.port === 0) this.port = await freePort();
    const tls = this.opts.tls;
    const listen = tls
      ? ['--port', '0', '--tls-port', String(this.port), '--tls-cert-file', tls.cert, '--tls-key-file', tls.key]
      : ['--port', String(this.port)];
    if (tls) listen.push('--tls-ca-cert-file', tls.cert, '--tls-auth-clients', 'no');
    const args = [...listen, '--bind', '127.0.0.1', '--dir', this.dir, '--save', '', '--appendonly', 'yes', '--logfile', ''];
    if (this.opts.password !== undefined) args.push('--requirepass', this.opts.password);
    args.push(...(this.opts.extra ?? []));
    this.output = '';
    const child = spawn(REDIS_SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout?.on('data', (c: Buffer) => (this.output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (this.output += c.toString()));
    const deadline = Date.now() + 20_000;
    while (!/Ready to accept connections/.test(this.output)) {
      if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`redis-server not ready within 20 s:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** kill -9. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }

  /** A client for the test itself (checks, foreign entries). */
  client(): Redis {
    return new Redis(this.url, { protocol: 2, maxRetriesPerRequest: 1 });
  }

  async dispose(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
