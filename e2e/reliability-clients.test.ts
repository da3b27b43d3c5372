/**
 * Clients that go away or cannot keep up, during a steady burst from a flooding QMP peer:
 * - a client offline for a while gets exactly the missed events when it comes back;
 * - a client whose TCP socket stops reading (paused, a real socket, not a stub) neither slows the
 *   bridge nor the other clients, the bridge's memory stays bounded, and once it reads again it
 *   catches up from history with no gap and no duplicate.
 */
import { readFileSync } from 'node:fs';
import type { Socket as NetSocket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startQmpSimulator, type QmpSimulator } from '@qmpscope/qmp-sim';
import type { HealthResponse } from '@qmpscope/events';
import { BridgeProcess } from './harness/bridgeProcess.js';
import { SeqCollector } from './harness/seqCollector.js';
import { waitFor } from './harness/waitFor.js';

const RATE = 2000;

function rssMiB(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

/** The TCP socket under a socket.io-client WebSocket (engine.io -> ws -> net.Socket). */
function tcpSocketOf(client: SeqCollector): NetSocket {
  const engine = client.socket.io.engine as unknown as { transport: { name: string; ws?: { _socket?: NetSocket } } };
  const tcp = engine.transport.ws?._socket;
  if (engine.transport.name !== 'websocket' || !tcp) throw new Error('expected a websocket transport with a TCP socket');
  return tcp;
}

describe('clients offline or too slow during a burst', () => {
  let sim: QmpSimulator;
  let bridge: BridgeProcess;
  const clients: SeqCollector[] = [];
  const health = () => bridge.getJson<HealthResponse>('/healthz');
  const pid = () => (bridge as unknown as { child: { pid: number } }).child.pid;

  beforeAll(async () => {
    sim = await startQmpSimulator({ listen: 'tcp:127.0.0.1:0', name: 'burst', scenario: { flood: { eventsPerSecond: RATE } } });
    bridge = new BridgeProcess(['--vm', `burst=${sim.target}`]);
    await bridge.start();
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await bridge?.dispose();
    await sim?.close();
  });

  it('an offline client receives exactly the missing events on reconnect', async () => {
    const c = new SeqCollector(bridge.url);
    clients.push(c);
    await waitFor('first events', () => (c.lastSeq > 500 ? true : undefined), 30_000);
    c.socket.disconnect();
    const heldWhenOffline = c.lastSeq;
    const received = c.received;
    await waitFor(
      'the burst to go on while offline',
      async () => ((await health()).lastSeq > heldWhenOffline + 3 * RATE ? true : undefined),
      30_000,
    );
    expect(c.lastSeq).toBe(heldWhenOffline);
    c.socket.connect();
    const target = (await health()).lastSeq;
    await waitFor('the client to catch up', () => (c.lastSeq >= target ? true : undefined), 30_000);
    expect(c.violations).toEqual([]);
    // Every event once: the count matches the seq range exactly.
    expect(c.received - received).toBe(c.lastSeq - heldWhenOffline);
  });

  it('a client that stops reading does not slow the bridge or others, memory stays bounded, and it catches up', async () => {
    const fast = new SeqCollector(bridge.url, { startAfter: (await health()).lastSeq });
    const slow = new SeqCollector(bridge.url, { startAfter: (await health()).lastSeq });
    clients.push(fast, slow);
    await waitFor('both clients live', () => (fast.received > 500 && slow.received > 500 ? true : undefined), 30_000);
    const rssBefore = rssMiB(pid());
    tcpSocketOf(slow).pause();
    const pausedAt = slow.lastSeq;
    const start = (await health()).lastSeq;
    const startedAt = Date.now();
    let peakRss = rssBefore;
    // 10 s of burst (~20k events, several MB of JSON) while the slow client reads nothing.
    await waitFor(
      '10 s of burst',
      async () => {
        peakRss = Math.max(peakRss, rssMiB(pid()));
        return Date.now() - startedAt > 10_000 ? true : undefined;
      },
      30_000,
    );
    const end = (await health()).lastSeq;
    const stored = end - start;
    const elapsed = (Date.now() - startedAt) / 1000;
    const slowGot = slow.lastSeq - pausedAt;
    console.log(
      `slow client: ${stored} events stored in ${elapsed.toFixed(1)} s, ${slowGot} reached the paused client; bridge RSS ${rssBefore.toFixed(0)} -> peak ${peakRss.toFixed(0)} MiB`,
    );
    // The bridge kept ingesting at (most of) the offered rate; the fast client kept up.
    expect(stored / elapsed).toBeGreaterThan(RATE * 0.5);
    await waitFor('the fast client to be current', async () => (fast.lastSeq >= end ? true : undefined), 15_000);
    // The pause is real: most of the burst never reached the paused client.
    expect(slowGot).toBeLessThan(stored / 2);
    // Bounded: per-client buffer is capped (8 MiB of WebSocket bytes); the rest is read from SQLite later.
    expect(peakRss - rssBefore).toBeLessThan(120);
    tcpSocketOf(slow).resume();
    const target = (await health()).lastSeq;
    await waitFor('the slow client to catch up from history', () => (slow.lastSeq >= target ? true : undefined), 60_000);
    expect(slow.violations).toEqual([]);
    expect(fast.violations).toEqual([]);
  });
});
