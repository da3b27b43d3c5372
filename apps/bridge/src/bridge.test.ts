import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startQmpSimulator } from '@qmpscope/qmp-sim';
import type { EventsResponse, HealthResponse, VmsResponse } from '@qmpscope/events';
import { startBridge, type Bridge } from './bridge.js';
import type { BridgeConfig } from './config/bridgeConfig.js';
import { MemoryLog } from './log/memoryLog.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

function config(dataDir: string, vms: BridgeConfig['vms'], demo = false): BridgeConfig {
  return {
    vms,
    libvirt: [],
    demo,
    demoByDefault: false,
    host: '127.0.0.1',
    port: 0,
    dataDir,
    retention: { maxEvents: 1000, maxAgeDays: 30 },
    maxLineBytes: 1 << 20,
    webDir: join(dataDir, 'no-web'),
    token: null,
    tokenSource: null,
  };
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('bridge with a QMP simulator VM', () => {
  it('stores and serves the events of a simulated VM; an unreachable VM is disconnected, not fatal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qmpscope-bridge-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const sim = await startQmpSimulator({ listen: `unix:${join(dir, 'sim.qmp')}`, name: 'sim', scenario: 'idle' });
    cleanups.push(() => sim.close());
    const bridge: Bridge = await startBridge(
      config(dir, [
        { name: 'sim', target: sim.target },
        { name: 'gone', target: `unix:${join(dir, 'nobody.qmp')}` },
      ]),
      { warn: () => {} },
    );
    cleanups.push(() => bridge.close());
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

    await waitFor('sim connected', async () => {
      const { vms } = (await (await fetch(`${bridge.url}api/vms`)).json()) as VmsResponse;
      return vms.find((v) => v.name === 'sim' && v.connection === 'connected') ? true : undefined;
    });
    sim.emit('STOP');
    sim.emit('RESET', { guest: true, reason: 'guest-reset' });
    const events = await waitFor('events stored', async () => {
      const r = (await (await fetch(`${bridge.url}api/events?vm=sim&event=STOP,RESET`)).json()) as EventsResponse;
      return r.events.length >= 2 ? r.events : undefined;
    });
    expect(events.map((e) => e.event)).toEqual(['STOP', 'RESET']);
    expect('data' in events[0]!).toBe(false);
    expect(events[1]!.data).toEqual({ guest: true, reason: 'guest-reset' });

    const { vms } = (await (await fetch(`${bridge.url}api/vms`)).json()) as VmsResponse;
    const gone = vms.find((v) => v.name === 'gone')!;
    expect(gone.connection).not.toBe('connected');
    expect(gone.lastError).toMatch(/nobody\.qmp/);
    expect(vms.find((v) => v.name === 'sim')!.eventCount).toBeGreaterThanOrEqual(2);
    const health = (await (await fetch(`${bridge.url}healthz`)).json()) as HealthResponse;
    expect(health).toMatchObject({ ok: true, storage: { ok: true, error: null }, vms: { total: 2, connected: 1 } });
  });

  it('runs the built-in demo VM and keeps seq across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qmpscope-demo-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const first = await startBridge(config(dir, [], true), { warn: () => {} });
    const seq = await waitFor('demo events', async () => (first.lastSeq() > 0 ? first.lastSeq() : undefined), 8000);
    await first.close();
    const second = await startBridge(config(dir, [], true), { warn: () => {} });
    cleanups.push(() => second.close());
    expect(second.lastSeq()).toBeGreaterThanOrEqual(seq);
    expect(second.vms().map((v) => v.name)).toEqual(['demo']);
  });

  it('refuses a port in use with an actionable message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qmpscope-port-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const a = await startBridge(config(join(dir, 'a'), []), { warn: () => {} });
    cleanups.push(() => a.close());
    await expect(startBridge({ ...config(join(dir, 'b'), []), port: a.port }, { warn: () => {} })).rejects.toThrow(
      `port ${a.port} is in use — choose another with --port`,
    );
  });

  it('reload: a removed VM stays listed as removed with its events, comes back when re-added, and the demo stays', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qmpscope-reload-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const sim = await startQmpSimulator({ listen: `unix:${join(dir, 'a.qmp')}`, name: 'a', scenario: 'idle' });
    cleanups.push(() => sim.close());
    const withA = config(dir, [{ name: 'a', target: sim.target }], true);
    const bridge = await startBridge(withA, { log: new MemoryLog() });
    cleanups.push(() => bridge.close());
    const vm = (name: string) => bridge.vms().find((v) => v.name === name);
    await waitFor('a connected', async () => (vm('a')?.connection === 'connected' ? true : undefined));
    sim.emit('STOP');
    await waitFor('the event counted', async () => (vm('a')?.eventCount === 1 ? true : undefined));

    const plan = await bridge.reload({ ...withA, vms: [], port: 1, demo: false });
    expect(plan).toMatchObject({ remove: ['a'], add: [], needRestart: ['port', 'demo'] });
    expect(vm('a')).toMatchObject({ connection: 'disconnected', status: 'removed', eventCount: 1 });
    expect(bridge.vms().map((v) => v.name)).toEqual(['a', 'demo']);
    await waitFor('the bridge gone from the simulator', async () => (sim.clients === 0 ? true : undefined));

    // A new VM may not take the name of one watched from elsewhere (a libvirt domain, the demo): refused, nothing changes.
    await expect(bridge.reload({ ...withA, vms: [{ name: 'demo', target: sim.target }] })).rejects.toThrow(
      'vm name "demo" is already taken by a libvirt domain (or the demo VM): choose another name',
    );
    expect(vm('demo')!.target).not.toBe(sim.target);
    expect(vm('a')!.status).toBe('removed');

    expect((await bridge.reload(withA)).add).toEqual([{ name: 'a', target: sim.target }]);
    await waitFor('a connected again', async () => (vm('a')?.connection === 'connected' ? true : undefined));
    expect(vm('a')!.status).not.toBe('removed');
  });
});
