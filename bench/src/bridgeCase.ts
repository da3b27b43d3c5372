import type { Figure } from './figure.js';
import { cpuSeconds, rssAnonMb, rssMb } from './procStats.js';
import { Rig } from './rig.js';
import { sleep } from './sleep.js';

interface PhaseResult {
  offered: number;
  evPerSec: number;
  cpuCores: number;
  rssEndMb: number;
  rssPeakMb: number;
  rssAnonPeakMb: number;
  /** CPU share of the fleet and the clients' processes (they share CPU 1). */
  fleetCores: number;
  clientsCores: number;
  sent: number;
  stored: number;
  missingInClients: number;
  reconnects: number;
}

/**
 * Case 2: fleet process -> bridge process (one core) -> 10 socket.io clients in a third process.
 * Runs the target rate, then ten times it (overload) to see backpressure hold RSS.
 */
export async function bridgeCase(opts: { vms: number; seconds: number; rate: number; jsonParseCeiling: number | null }): Promise<Figure[]> {
  const nominal = await phase(opts.vms, opts.rate, opts.seconds);
  const overload = await phase(opts.vms, opts.rate * 10, opts.seconds);
  const ceiling = opts.jsonParseCeiling === null ? null : { value: opts.jsonParseCeiling, what: 'bare JSON.parse, case 1' };
  const c = '2 bridge';
  const fleet = `${opts.vms} VMs`;
  return [
    {
      case: c,
      name: `sustained, ${fleet}, offered ${opts.rate.toLocaleString('en-US')}/s, 10 clients`,
      value: nominal.evPerSec,
      unit: 'ev/s',
      ceiling,
      target: { value: 100_000, higherIsBetter: true },
      note: `bridge CPU ${(nominal.cpuCores * 100).toFixed(0)}% of its core; fleet wrote ${nominal.sent}, bridge stored ${nominal.stored}; events missing in clients: ${nominal.missingInClients} (socket.io reconnects: ${nominal.reconnects}); CPU 1: fleet ${(nominal.fleetCores * 100).toFixed(0)}%, clients ${(nominal.clientsCores * 100).toFixed(0)}%`,
    },
    {
      case: c,
      name: `overload: offered ${(opts.rate * 10).toLocaleString('en-US')}/s`,
      value: overload.evPerSec,
      unit: 'ev/s',
      ceiling,
      target: null,
      note: `bridge CPU ${(overload.cpuCores * 100).toFixed(0)}%; fleet wrote ${overload.sent}, stored ${overload.stored} (the fleet slows when the bridge reads slower: QMP has no drop); still to catch up in clients 15 s after the end: ${overload.missingInClients}`,
    },
    {
      case: c,
      name: 'events lost at nominal (written - stored)',
      value: nominal.sent - nominal.stored,
      unit: 'ev',
      ceiling: null,
      target: { value: 0, higherIsBetter: false },
      note: 'under overload written - stored is not a loss figure: closing a simulator discards what sits in its own send buffer',
    },
    {
      case: c,
      name: 'events missing in clients at nominal',
      value: nominal.missingInClients,
      unit: 'ev',
      ceiling: null,
      target: { value: 0, higherIsBetter: false },
    },
    {
      case: c,
      name: 'bridge RSS peak at nominal',
      value: nominal.rssPeakMb,
      unit: 'MB',
      ceiling: null,
      target: null,
      note: `anonymous part (heap, buffers; the rest is events.db mapped by SQLite) ${nominal.rssAnonPeakMb.toFixed(0)} MB`,
    },
    {
      case: c,
      name: 'bridge RSS peak under 10x overload',
      value: overload.rssPeakMb,
      unit: 'MB',
      ceiling: { value: nominal.rssPeakMb, what: 'peak at nominal' },
      target: null,
      note: `RSS at the end of the overload ${overload.rssEndMb.toFixed(0)} MB (bounded = flat, not growing with time); anonymous part peak ${overload.rssAnonPeakMb.toFixed(0)} MB`,
    },
  ];
}

async function phase(vms: number, rate: number, seconds: number): Promise<PhaseResult> {
  const rig = await Rig.start({ vms, rate, clients: 10 });
  try {
    const pid = rig.bridgePid;
    await sleep(1000);
    const s0 = (await rig.health()).lastSeq;
    const c0 = cpuSeconds(pid);
    const t0 = performance.now();
    const helpers = rig.helperPids;
    const h0 = { fleet: cpuSeconds(helpers.fleet), clients: cpuSeconds(helpers.clients) };
    let rssPeakMb = 0;
    let rssAnonPeakMb = 0;
    const sampler = setInterval(() => {
      rssPeakMb = Math.max(rssPeakMb, rssMb(pid));
      rssAnonPeakMb = Math.max(rssAnonPeakMb, rssAnonMb(pid));
    }, 200);
    await sleep(seconds * 1000);
    const s1 = (await rig.health()).lastSeq;
    const c1 = cpuSeconds(pid);
    const h1 = { fleet: cpuSeconds(helpers.fleet), clients: cpuSeconds(helpers.clients) };
    const t1 = performance.now();
    const rssEndMb = rssMb(pid);
    const sent = await rig.stopFleet();
    const stored = await settledLastSeq(rig);
    clearInterval(sampler);
    const report = await clientsCaughtUp(rig, stored);
    const missingInClients = report.clients.reduce((n, c) => n + (stored - c.firstAfter - c.received), 0);
    const reconnects = report.clients.reduce((n, c) => n + c.connects - 1, 0);
    return {
      offered: rate,
      evPerSec: (s1 - s0) / ((t1 - t0) / 1000),
      cpuCores: (c1 - c0) / ((t1 - t0) / 1000),
      rssEndMb,
      rssPeakMb,
      rssAnonPeakMb,
      fleetCores: (h1.fleet - h0.fleet) / ((t1 - t0) / 1000),
      clientsCores: (h1.clients - h0.clients) / ((t1 - t0) / 1000),
      sent,
      stored,
      missingInClients,
      reconnects,
    };
  } finally {
    await rig.stop();
  }
}

/** The bridge's lastSeq once it stops moving (the fleet is gone, the backlog is read). */
async function settledLastSeq(rig: Rig): Promise<number> {
  let last = -1;
  for (let i = 0; i < 120; i++) {
    const seq = (await rig.health()).lastSeq;
    if (seq === last) return seq;
    last = seq;
    await sleep(500);
  }
  return last;
}

async function clientsCaughtUp(rig: Rig, lastSeq: number): Promise<Awaited<ReturnType<Rig['report']>>> {
  for (let i = 0; ; i++) {
    const report = await rig.report();
    if (i >= 15 || report.clients.every((c) => c.maxSeq >= lastSeq)) return report;
    await sleep(1000);
  }
}
