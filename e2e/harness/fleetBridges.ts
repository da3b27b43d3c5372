import type { HealthResponse, StoredEvent, VmsResponse } from '@qmpscope/events';
import { BridgeProcess } from './bridgeProcess.js';
import { waitFor } from './waitFor.js';

/** A bridge of a fleet: `--fleet URL --node NAME` plus its own VM flags (none: a hub). */
export function fleetBridge(redisUrl: string, node: string, vmArgs: string[] = [], dataDir?: string): BridgeProcess {
  return new BridgeProcess(['--fleet', redisUrl, '--node', node, ...vmArgs], dataDir);
}

export async function health(b: BridgeProcess): Promise<HealthResponse> {
  return b.getJson<HealthResponse>('/healthz');
}

/** Each VM's event count as the bridge's /api/vms gives it. */
export async function counts(b: BridgeProcess): Promise<Record<string, number>> {
  const { vms } = await b.getJson<VmsResponse>('/api/vms');
  return Object.fromEntries(vms.map((v) => [v.name, v.eventCount]));
}

/** Waits until every bridge holds at least `expected` events of each named VM and all agree on the last seq. */
export async function waitConverged(bridges: BridgeProcess[], expected: Record<string, number>, timeoutMs = 90_000): Promise<number> {
  return waitFor(
    `every bridge to hold ${JSON.stringify(expected)} with the same last seq`,
    async () => {
      const seen = await Promise.all(bridges.map(async (b) => ({ c: await counts(b), h: await health(b) })));
      const last = seen[0]!.h.lastSeq;
      for (const { c, h } of seen) {
        if (h.lastSeq !== last) return undefined;
        for (const [vm, n] of Object.entries(expected)) if ((c[vm] ?? 0) < n) return undefined;
      }
      return last;
    },
    timeoutMs,
  );
}

/** The event list as text (key order included): equal strings mean the same answer byte for byte. */
export function asText(events: StoredEvent[]): string {
  return events.map((e) => JSON.stringify(e)).join('\n');
}
