import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import type { HealthResponse, VmsResponse } from '@qmpscope/events';
import { childPath } from './childPath.js';
import type { Figure } from './figure.js';
import { percentile } from './percentiles.js';
import { cpuSeconds, rssMb } from './procStats.js';
import { BenchRedis } from './redisServer.js';
import { bridgeUrl, nextMessage, type ClientsReport } from './rig.js';
import { sleep } from './sleep.js';

const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const BRIDGE_MAIN = join(REPO, 'apps/bridge/dist/main.js');
const CASE = '6 fleet';

export interface FleetCaseOptions {
  bridges: number;
  vmsPerBridge: number;
  /** Events/s of all VMs together. */
  rate: number;
  hubs: number;
  clientsPerHub: number;
  seconds: number;
  /** Entries for the bare XADD/XREAD ceiling. */
  ceilingEntries: number;
}

/**
 * Case 6: bridges with simulated VMs publish into one Redis, hubs with socket.io clients read it.
 * Rate and latency from the QMP line to a client on a hub, events lost, Redis's CPU and memory per
 * million events; ceiling: Redis's bare XADD (pipelined) and XREAD rates from one client.
 */
export async function fleetCase(opts: FleetCaseOptions): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'qmpscope-bench-fleet-'));
  const redis = await BenchRedis.start();
  const children: ChildProcess[] = [];
  try {
    const floods: ChildProcess[] = [];
    const bridges: string[] = [];
    for (let b = 0; b < opts.bridges; b++) {
      const simDir = join(dir, `sims${b}`);
      mkdirSync(simDir);
      const flood = fork(childPath('floodFleet'), [simDir, String(opts.vmsPerBridge), String(opts.rate / opts.bridges)], { execArgv: [] });
      children.push(flood);
      floods.push(flood);
      const targets = (await nextMessage<{ ready: string[] }>(flood, 'ready', 60_000)).ready;
      const config = join(dir, `hv${b}.json`);
      writeFileSync(config, JSON.stringify({ vms: targets.map((target, i) => ({ name: `vm${i}`, target })) }));
      bridges.push(await startBridge([`--config`, config, '--node', `hv${b}`], join(dir, `data${b}`), redis.url, children));
    }
    const hubs: string[] = [];
    const clientProcs: ChildProcess[] = [];
    for (let h = 0; h < opts.hubs; h++) {
      const url = await startBridge(['--node', `hub${h}`], join(dir, `hub${h}`), redis.url, children);
      hubs.push(url);
      const clients = fork(childPath('sioClients'), [url, String(opts.clientsPerHub)], { execArgv: [] });
      children.push(clients);
      clientProcs.push(clients);
      await nextMessage(clients, 'ready', 90_000);
    }

    await sleep(2000);
    await Promise.all(clientProcs.map((c) => report(c)));
    const cpu0 = cpuSeconds(redis.pid);
    const t0 = performance.now();
    const seq0 = (await health(hubs[0]!)).lastSeq;
    await sleep(opts.seconds * 1000);
    const reports = await Promise.all(clientProcs.map((c) => report(c)));
    const seq1 = (await health(hubs[0]!)).lastSeq;
    const t1 = performance.now();
    const cpu1 = cpuSeconds(redis.pid);
    const rate = ((seq1 - seq0) * 1000) / (t1 - t0);

    let sent = 0;
    for (const flood of floods) {
      flood.send('stop');
      sent += (await nextMessage<{ sent: number }>(flood, 'sent', 60_000)).sent;
    }
    const held = await settle(hubs, sent);
    const finals = await Promise.all(clientProcs.map((c) => report(c)));
    const clientMissing = finals.flatMap((r) => r.clients).reduce((n, c) => n + (c.maxSeq - c.firstAfter - c.received), 0);

    const probe = new Redis(redis.url, { protocol: 2 });
    let memoryPerMillion: number;
    let ceiling: { xadd: number; xread: number };
    try {
      const info = String(await probe.call('INFO', 'memory'));
      const used = Number(/used_memory:(\d+)/.exec(info)?.[1]);
      const entries = Number(await probe.call('XLEN', '{qmpscope}:log'));
      memoryPerMillion = (used / 1048576 / entries) * 1e6;
      ceiling = await bareStreamRates(probe, opts.ceilingEntries);
    } finally {
      probe.disconnect();
    }

    const latency = reports.flatMap((r) => r.latencyMs);
    const events = seq1 - seq0;
    const at = `(${opts.bridges} bridges x ${opts.vmsPerBridge} VMs, ${opts.hubs} hubs x ${opts.clientsPerHub} clients)`;
    return [
      {
        case: CASE,
        name: `events/s through the fleet to a hub ${at}`,
        value: Math.round(rate),
        unit: 'ev/s',
        ceiling: { value: Math.round(ceiling.xadd), what: 'bare XADD, pipelined, one client' },
        target: { value: opts.rate * 0.95, higherIsBetter: true },
      },
      {
        case: CASE,
        name: 'QMP line written -> client on a hub p50',
        value: percentile(latency, 50),
        unit: 'ms',
        ceiling: null,
        target: null,
      },
      {
        case: CASE,
        name: 'QMP line written -> client on a hub p99',
        value: percentile(latency, 99),
        unit: 'ms',
        ceiling: null,
        target: null,
        note: `${latency.length} samples`,
      },
      {
        case: CASE,
        name: 'events lost (written by the VMs, not in a hub)',
        value: sent - held,
        unit: 'events',
        ceiling: null,
        target: { value: 0, higherIsBetter: false },
        note: `${sent} written`,
      },
      {
        case: CASE,
        name: 'events missing in hub clients',
        value: clientMissing,
        unit: 'events',
        ceiling: null,
        target: { value: 0, higherIsBetter: false },
      },
      {
        case: CASE,
        name: 'Redis CPU per million events',
        value: ((cpu1 - cpu0) / Math.max(1, events)) * 1e6,
        unit: 's',
        ceiling: null,
        target: null,
      },
      {
        case: CASE,
        name: 'Redis memory per million events in the log',
        value: memoryPerMillion,
        unit: 'MB',
        ceiling: null,
        target: null,
        note: `RSS ${Math.round(rssMb(redis.pid))} MB`,
      },
      { case: CASE, name: 'bare XREAD from one client', value: Math.round(ceiling.xread), unit: 'entries/s', ceiling: null, target: null },
    ];
  } finally {
    for (const child of children) child.kill('SIGKILL');
    redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function startBridge(args: string[], dataDir: string, redisUrl: string, children: ChildProcess[]): Promise<string> {
  const child = spawn(process.execPath, [BRIDGE_MAIN, '--port', '0', '--data-dir', dataDir, '--fleet', redisUrl, ...args], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return bridgeUrl(child);
}

function report(clients: ChildProcess): Promise<ClientsReport> {
  clients.send('report');
  return nextMessage<ClientsReport>(clients, 'clients', 30_000);
}

async function health(url: string): Promise<HealthResponse> {
  return (await (await fetch(new URL('/healthz', url))).json()) as HealthResponse;
}

/** Waits until every hub holds `sent` events (or stops changing for 10 s); returns what the first holds. */
async function settle(hubs: string[], sent: number): Promise<number> {
  let last = -1;
  let since = performance.now();
  for (;;) {
    const totals = await Promise.all(
      hubs.map(async (url) => {
        const { vms } = (await (await fetch(new URL('/api/vms', url))).json()) as VmsResponse;
        return vms.reduce((n, v) => n + v.eventCount, 0);
      }),
    );
    const held = Math.min(...totals);
    if (held >= sent) return held;
    if (held !== last) {
      last = held;
      since = performance.now();
    } else if (performance.now() - since > 10_000) return held;
    await sleep(200);
  }
}

/** Entries/s of pipelined XADDs of a fleet-sized entry, then of XREAD COUNT 1000 over them. */
async function bareStreamRates(redis: Redis, entries: number): Promise<{ xadd: number; xread: number }> {
  const key = 'bench:ceiling';
  const body = JSON.stringify({
    vm: 'vm1',
    event: 'BALLOON_CHANGE',
    timestamp: { seconds: 1_700_000_000, microseconds: 123456 },
    receivedAt: 1_700_000_000_123.4,
    data: { actual: 1073741824 },
  });
  const started = performance.now();
  for (let done = 0; done < entries; done += 1000) {
    const pipe = redis.pipeline();
    for (let i = 0; i < 1000; i++) pipe.xadd(key, '*', 'n', 'hv0', 'l', String(done + i), 'e', body);
    await pipe.exec();
  }
  const xadd = (entries * 1000) / (performance.now() - started);
  const readStart = performance.now();
  let cursor = '0';
  let read = 0;
  for (;;) {
    const reply = (await redis.call('XREAD', 'COUNT', 1000, 'STREAMS', key, cursor)) as [string, [string, string[]][]][] | null;
    const got = reply?.[0]?.[1] ?? [];
    if (got.length === 0) break;
    read += got.length;
    cursor = got.at(-1)![0];
  }
  const xread = (read * 1000) / (performance.now() - readStart);
  await redis.del(key);
  return { xadd, xread };
}
