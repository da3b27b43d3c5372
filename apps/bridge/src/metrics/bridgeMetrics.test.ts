import { describe, expect, it } from 'vitest';
import type { ConnectStats } from '../vm/connectionLog.js';
import { BridgeMetrics, type MetricsSource } from './bridgeMetrics.js';

function source(over: Partial<MetricsSource> = {}): MetricsSource {
  return {
    vms: () => [],
    connectStats: (): ConnectStats => ({ connects: 0, lastConnectedAt: null }),
    pendingWrite: () => 0,
    lastSeq: () => 0,
    clientStats: () => ({ byMode: { idle: 0, catchingUp: 0, live: 0 }, maxLagEvents: 0 }),
    startReason: 'first-start',
    ...over,
  };
}

/** Each sample of `name` as "label=value,... -> value". */
async function samples(metrics: BridgeMetrics, name: string): Promise<Record<string, number>> {
  const all = await metrics.registry.getMetricsAsJSON();
  const metric = all.find((m) => m.name === name);
  if (!metric) throw new Error(`no metric ${name}`);
  return Object.fromEntries(
    metric.values.map((v) => [
      Object.entries(v.labels)
        .map(([k, l]) => `${k}=${String(l)}`)
        .join(','),
      v.value,
    ]),
  );
}

const ev = (...names: string[]) => names.map((event) => ({ event }));

describe('BridgeMetrics', () => {
  it("in a fleet reports Redis's state and the own events waiting for it; outside a fleet has no such series", async () => {
    let state = { reachable: true, unpublished: 0 };
    const metrics = new BridgeMetrics(source({ fleet: () => state }));
    expect(await samples(metrics, 'qmpscope_fleet_redis_up')).toEqual({ '': 1 });
    state = { reachable: false, unpublished: 42 };
    expect(await samples(metrics, 'qmpscope_fleet_redis_up')).toEqual({ '': 0 });
    expect(await samples(metrics, 'qmpscope_fleet_unpublished_events')).toEqual({ '': 42 });
    await expect(samples(new BridgeMetrics(source()), 'qmpscope_fleet_redis_up')).rejects.toThrow(/no metric/);
  });

  it('counts received events per VM and name across scrapes, each event once', async () => {
    const metrics = new BridgeMetrics(source());
    metrics.countReceived('a', ev('STOP', 'RESUME', 'STOP'));
    metrics.countReceived('b', ev('RESET'));
    expect(await samples(metrics, 'qmpscope_events_received_total')).toEqual({
      'vm=a,event=STOP': 2,
      'vm=a,event=RESUME': 1,
      'vm=b,event=RESET': 1,
    });
    // Only a's counts moved: b keeps its value, a's grow by what came since.
    metrics.countReceived('a', ev('STOP', 'SHUTDOWN'));
    expect(await samples(metrics, 'qmpscope_events_received_total')).toEqual({
      'vm=a,event=STOP': 3,
      'vm=a,event=RESUME': 1,
      'vm=b,event=RESET': 1,
      'vm=a,event=SHUTDOWN': 1,
    });
    expect(await samples(metrics, 'qmpscope_events_received_total')).toEqual({
      'vm=a,event=STOP': 3,
      'vm=a,event=RESUME': 1,
      'vm=b,event=RESET': 1,
      'vm=a,event=SHUTDOWN': 1,
    });
  });

  it('reports reconnects as connects after the first, no connect time for a VM never connected, nothing for a VM a reload removed', async () => {
    const stats: Record<string, ConnectStats> = {
      up: { connects: 3, lastConnectedAt: 1_700_000_000_500 },
      never: { connects: 0, lastConnectedAt: null },
      gone: { connects: 1, lastConnectedAt: 1_600_000_000_000 },
    };
    const metrics = new BridgeMetrics(
      source({
        vms: () => [
          { name: 'up', connection: 'connected', status: 'running' },
          { name: 'never', connection: 'connecting', status: null },
          { name: 'gone', connection: 'disconnected', status: 'removed' },
        ],
        connectStats: (vm) => stats[vm]!,
      }),
    );
    expect(await samples(metrics, 'qmpscope_vm_connected')).toEqual({ 'vm=up': 1, 'vm=never': 0 });
    expect(await samples(metrics, 'qmpscope_vm_reconnects_total')).toEqual({ 'vm=up': 2, 'vm=never': 0 });
    expect(await samples(metrics, 'qmpscope_vm_last_connect_timestamp_seconds')).toEqual({ 'vm=up': 1_700_000_000.5 });
  });
});
