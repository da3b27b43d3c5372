/**
 * `--fleet rediss://...`: Debian's redis-server serving TLS only, with a self-signed certificate
 * made here. Bridges given its CA (NODE_EXTRA_CA_CERTS, as README says) share their VMs through it;
 * a bridge without it says the certificate is not trusted and how to fix that, and keeps its VM.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startQmpSimulator, type QmpSimulator } from '@qmpscope/qmp-sim';
import type { VmsResponse } from '@qmpscope/events';
import { BridgeProcess } from './harness/bridgeProcess.js';
import { asText, health, waitConverged } from './harness/fleetBridges.js';
import { RedisServer } from './harness/redisServer.js';
import { selfSignedCertificate, type Certificate } from './harness/selfSignedCertificate.js';
import { waitFor } from './harness/waitFor.js';

describe('fleet through Redis over TLS (rediss://)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qmpscope-redis-tls-'));
  let cert: Certificate;
  let redis: RedisServer;
  let sim: QmpSimulator;
  const bridges: BridgeProcess[] = [];

  beforeAll(async () => {
    cert = selfSignedCertificate(dir);
    redis = new RedisServer({ tls: { cert: cert.certFile, key: cert.keyFile }, password: 'tls-fleet-pw' });
    await redis.start();
    sim = await startQmpSimulator({ listen: 'tcp:127.0.0.1:0', name: 'hv1', scenario: { flood: { eventsPerSecond: 100 } } });
  });

  afterAll(async () => {
    await Promise.all(bridges.map((b) => b.dispose()));
    await sim?.close();
    await redis?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  function bridge(node: string, args: string[], env: Record<string, string>): BridgeProcess {
    const b = new BridgeProcess(['--fleet', redis.url, '--node', node, ...args], undefined, env);
    bridges.push(b);
    return b;
  }

  it('bridges given the CA share their VMs; the same events under the same seqs', async () => {
    expect(redis.url).toMatch(/^rediss:\/\//);
    const trusted = { NODE_EXTRA_CA_CERTS: cert.certFile };
    const hv1 = bridge('hv1', ['--vm', `sim=${sim.target}`], trusted);
    const hub = bridge('hub', [], trusted);
    await Promise.all([hv1.start(), hub.start()]);
    await waitConverged([hv1, hub], { 'hv1/sim': 200 });
    expect((await health(hub)).fleet).toMatchObject({ reachable: true, error: null, redis: expect.stringMatching(/^rediss:\/\/:\*\*\*@/) });
    await sim.quiesce();
    await waitConverged([hv1, hub], { 'hv1/sim': sim.eventsSent });
    expect(asText(await hub.allEvents())).toBe(asText(await hv1.allEvents()));
  });

  it('a bridge without the CA says the certificate is not trusted and how to give it, once, and keeps its VM', async () => {
    const other = await startQmpSimulator({ listen: 'tcp:127.0.0.1:0', name: 'hv2', scenario: { flood: { eventsPerSecond: 20 } } });
    try {
      const hv2 = bridge('hv2', ['--vm', `sim=${other.target}`], {});
      await hv2.start();
      const message =
        /TLS certificate is not trusted here \(.*self-signed certificate.*\): give the CA that signed it with NODE_EXTRA_CA_CERTS=/;
      await waitFor('the TLS error in /healthz', async () => ((await health(hv2)).fleet?.error?.match(message) ? true : undefined), 30_000);
      // Reconnect attempts and the connection's close do not replace the reason by a vaguer one.
      await new Promise((r) => setTimeout(r, 3000));
      expect((await health(hv2)).fleet).toMatchObject({ reachable: false, error: expect.stringMatching(message) });
      expect(hv2.output.split('\n').filter((l) => message.test(l))).toHaveLength(1);
      const { vms } = await hv2.getJson<VmsResponse>('/api/vms');
      expect(vms.find((v) => v.name === 'hv2/sim')).toMatchObject({ connection: 'connected', reachable: true });
      expect(hv2.output).not.toContain('tls-fleet-pw');
    } finally {
      await other.close();
    }
  });
});
