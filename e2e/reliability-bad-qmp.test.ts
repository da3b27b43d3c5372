/**
 * Hostile QMP peers against the real bridge process: a 100 MB line, binary garbage, invalid JSON,
 * events with wrong types, unknown events, a greeting that never comes, a peer that stops reading.
 * Each gets a clear reason in the VM's state or on stderr; the bridge does not crash, its memory
 * stays bounded, valid events in between are stored, and a well-behaved VM beside them is untouched.
 */
import net from 'node:net';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startQmpSimulator, type QmpSimulator } from '@qmpscope/qmp-sim';
import type { EventsResponse, HealthResponse, VmInfo, VmsResponse } from '@qmpscope/events';
import { BridgeProcess } from './harness/bridgeProcess.js';
import { waitFor } from './harness/waitFor.js';
import { hostilePeer, qmpTimestamp as ts } from './harness/hostileQmpPeer.js';

/** Writes `total` bytes of one unterminated JSON string in 1 MiB chunks, respecting backpressure. */
async function writeHugeLine(socket: net.Socket, total: number): Promise<number> {
  const chunk = Buffer.alloc(1 << 20, 'a');
  let written = 0;
  socket.write('{"event": "HUGE", "data": {"blob": "');
  while (written < total && !socket.destroyed) {
    written += chunk.length;
    if (!socket.write(chunk))
      await new Promise<void>((resolve) => {
        socket.once('drain', resolve);
        socket.once('close', resolve);
      });
  }
  return written;
}

describe('hostile QMP peers', () => {
  const peers: { close: () => void }[] = [];
  let good: QmpSimulator;
  let bridge: BridgeProcess;
  let hugeWritten = -1;
  let hugeStarted: Promise<void> = Promise.resolve();
  const vms = async (): Promise<Map<string, VmInfo>> =>
    new Map((await bridge.getJson<VmsResponse>('/api/vms')).vms.map((v) => [v.name, v]));
  const events = async (vm: string) => (await bridge.getJson<EventsResponse>(`/api/events?vm=${vm}&limit=10000`)).events;
  const pid = () => (bridge as unknown as { child: { pid: number } }).child.pid;
  const rssMiB = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid()}/status`, 'utf8'))?.[1]) / 1024;
  let peakRss = 0;
  let huge: Awaited<ReturnType<typeof hostilePeer>>;

  beforeAll(async () => {
    huge = await hostilePeer({}, (socket, n) => {
      // First connection: 100 MB without a newline. Later ones behave.
      if (n === 0)
        hugeStarted = writeHugeLine(socket, 100 * (1 << 20)).then((w) => {
          hugeWritten = w;
        });
      else socket.write(`{"event": "RESUME", "timestamp": ${ts()}}\r\n`);
    });
    const garbage = await hostilePeer({}, (socket) => {
      socket.write(Buffer.from([0, 1, 2, 0xff, 0xfe, 0x7b, 0x0a, 0x80, 0x81, 0x0d, 0x0a]));
      socket.write('not json at all\r\n{"event": "STOP", "timestamp": ' + ts() + '\r\n');
      socket.write('{"event": 42, "timestamp": ' + ts() + '}\r\n');
      socket.write('{"event": "STOP", "timestamp": "yesterday"}\r\n');
      socket.write('{"event": "STOP", "timestamp": ' + ts() + ', "data": [1, 2]}\r\n');
      socket.write('{"event": "FUTURE_EVENT_X", "timestamp": ' + ts() + ', "data": {"weird": {"nested": [1, "two", null]}}}\r\n');
      socket.write('{"event": "BALLOON_CHANGE", "timestamp": ' + ts() + ', "data": {"actual": "not a number"}}\r\n');
      socket.write('{"event": "RESUME", "timestamp": ' + ts() + '}\r\n');
    });
    const mute = await hostilePeer({ greet: false }, () => {});
    const deaf = await hostilePeer({ read: false }, () => {});
    peers.push(huge, garbage, mute, deaf);
    good = await startQmpSimulator({ listen: 'tcp:127.0.0.1:0', name: 'good', scenario: 'idle' });
    bridge = new BridgeProcess([
      '--vm',
      `huge=${huge.target}`,
      '--vm',
      `garbage=${garbage.target}`,
      '--vm',
      `mute=${mute.target}`,
      '--vm',
      `deaf=${deaf.target}`,
      '--vm',
      `good=${good.target}`,
    ]);
    await bridge.start();
    peakRss = rssMiB();
  });

  afterAll(async () => {
    await bridge?.dispose();
    await good?.close();
    for (const p of peers) p.close();
  });

  it('cuts a 100 MB line at the limit with a reason, stays small, and reconnects', async () => {
    const rssBefore = rssMiB();
    await waitFor(
      'the bridge to drop the huge line and reconnect',
      async () => {
        peakRss = Math.max(peakRss, rssMiB());
        return huge.connections() >= 2 ? true : undefined;
      },
      60_000,
    );
    await hugeStarted;
    await waitFor('the event after the reconnect', async () =>
      (await events('huge')).some((e) => e.event === 'RESUME') ? true : undefined,
    );
    expect((await events('huge')).map((e) => e.event)).toEqual(['RESUME']);
    expect(
      bridge
        .logRecords()
        .filter((r) => r['vm'] === 'huge')
        .map((r) => r['issue']),
    ).toContainEqual(expect.stringMatching(/a message of more than 1048576 bytes .* exceeds maxLineBytes/));
    // The bridge read at most ~1 MiB of it before cutting the connection, not 100 MB.
    console.log(
      `huge line: peer wrote ${hugeWritten >= 0 ? (hugeWritten / (1 << 20)).toFixed(0) : '?'} MiB before the cut; bridge RSS ${rssBefore.toFixed(0)} -> peak ${peakRss.toFixed(0)} MiB`,
    );
    expect(peakRss - rssBefore).toBeLessThan(100);
  });

  it('skips garbage and malformed events with a reason, stores the valid and unknown ones', async () => {
    const stored = await waitFor('the valid events of the garbage peer', async () => {
      const evs = await events('garbage');
      return evs.some((e) => e.event === 'RESUME') ? evs : undefined;
    });
    const names = stored.map((e) => e.event);
    // Unknown names pass through; wrong-typed data of a known event is stored as QEMU sent it (the page shows it raw).
    expect(names).toEqual(['FUTURE_EVENT_X', 'BALLOON_CHANGE', 'RESUME']);
    expect(stored.find((e) => e.event === 'FUTURE_EVENT_X')?.data).toEqual({ weird: { nested: [1, 'two', null] } });
    expect(bridge.logRecords().some((r) => r.level === 'warn' && r['vm'] === 'garbage')).toBe(true);
    expect((await vms()).get('garbage')?.connection).toBe('connected');
  });

  it('says why a peer that never greets is not connected', async () => {
    const mute = await waitFor(
      'a reason for "mute"',
      async () => {
        const v = (await vms()).get('mute');
        return v?.lastError ? v : undefined;
      },
      30_000,
    );
    expect(mute.connection).not.toBe('connected');
    expect(mute.lastError).toMatch(/greeting/i);
  });

  it('is not held up by a peer that stops reading, nor by any of the others', async () => {
    expect((await vms()).get('deaf')?.connection).not.toBe('connected');
    good.emit('RESET', { guest: false, reason: 'host-qmp-system-reset' });
    await waitFor('the good VM event', async () => ((await events('good')).length === 1 ? true : undefined));
    const v = (await vms()).get('good');
    expect(v?.connection).toBe('connected');
    const health = await bridge.getJson<HealthResponse>('/healthz');
    expect(health.ok).toBe(true);
  });
});
