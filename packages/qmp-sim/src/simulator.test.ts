import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { QmpClient, QmpError, QmpFramer, type JsonValue, type QmpEvent, type QmpVmInfo } from '@qmpscope/qmp';
import { afterEach, describe, expect, it } from 'vitest';
import { startQmpSimulator, type QmpSimulator } from './simulator.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function sim(opts: Parameters<typeof startQmpSimulator>[0]): Promise<QmpSimulator> {
  const s = await startQmpSimulator(opts);
  cleanups.push(() => s.close());
  return s;
}

function client(target: string) {
  const c = new QmpClient({ target, reconnect: { initialDelayMs: 20 }, commandTimeoutMs: 2000 });
  const events: QmpEvent[] = [];
  const batches: number[] = [];
  const infos: QmpVmInfo[] = [];
  const issues: string[] = [];
  c.on('events', (b) => {
    events.push(...b);
    batches.push(b.length);
  });
  c.on('info', (i) => infos.push(i));
  c.on('protocolIssue', (i) => issues.push(i.kind));
  c.start();
  cleanups.push(() => c.stop());
  return { c, events, batches, infos, issues };
}

async function until(pred: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A raw socket that records what the simulator sends, byte for byte. */
async function raw(target: string) {
  const port = Number(target.split(':').at(-1));
  const socket = net.createConnection({ host: '127.0.0.1', port });
  cleanups.push(() => {
    socket.destroy();
  });
  const messages: JsonValue[] = [];
  let text = '';
  const framer = new QmpFramer({
    onMessage: (m) => messages.push(m),
    onIssue: (i) => {
      throw new Error(i.message);
    },
  });
  socket.on('data', (d: Buffer) => {
    text += d.toString();
    framer.push(d);
  });
  await until(() => messages.length === 1, 'greeting');
  return {
    socket,
    messages,
    get text() {
      return text;
    },
    send: (v: object) => socket.write(JSON.stringify(v) + '\n'),
  };
}

describe('QMP simulator', () => {
  it('greets like QEMU 7.2, negotiates, and answers the queries', async () => {
    const s = await sim({ listen: 'tcp:127.0.0.1:0', name: 'demo-vm' });
    expect(s.target).toMatch(/^tcp:127\.0\.0\.1:\d+$/);
    const w = client(s.target);
    await until(() => w.infos.length === 1, 'info');
    expect(w.c.greeting).toEqual({
      version: { qemu: { major: 7, minor: 2, micro: 0 }, package: expect.stringContaining('7.2') as unknown as string },
      capabilities: ['oob'],
    });
    expect(w.infos[0]).toEqual({ status: 'running', running: true, name: 'demo-vm', version: '7.2.0' });
    expect(s.clients).toBe(1);
    const err = await w.c.execute('human-monitor-command', { 'command-line': 'info status' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QmpError);
    expect(err).toMatchObject({ errorClass: 'CommandNotFound' });
  });

  it('refuses commands and withholds events before qmp_capabilities, and ends objects with CRLF', async () => {
    const s = await sim({ listen: 'tcp:127.0.0.1:0' });
    const r = await raw(s.target);
    r.send({ execute: 'query-status', id: 'early' });
    await until(() => r.messages.length === 2, 'early reply');
    expect(r.messages[1]).toEqual({
      error: { class: 'CommandNotFound', desc: "Expecting capabilities negotiation with 'qmp_capabilities'" },
      id: 'early',
    });
    s.emit('LOST');
    r.send({ execute: 'qmp_capabilities', arguments: { enable: ['oob'] }, id: 1 });
    await until(() => r.messages.length === 3, 'capabilities reply');
    expect(r.messages[2]).toEqual({ return: {}, id: 1 });
    s.emit('SEEN', { a: 1 });
    await until(() => r.messages.length === 4, 'event');
    expect(r.messages[3]).toMatchObject({ event: 'SEEN', data: { a: 1 } });
    expect(r.text.split('\r\n').filter((l) => l !== '').length).toBe(4);
    expect(r.text.endsWith('}\r\n')).toBe(true);
    expect(r.text).not.toContain('LOST');
  });

  it('rejects oob when told not to offer it', async () => {
    const s = await sim({ listen: 'tcp:127.0.0.1:0', oob: false });
    const r = await raw(s.target);
    expect((r.messages[0] as { QMP: { capabilities: string[] } }).QMP.capabilities).toEqual([]);
    r.send({ execute: 'qmp_capabilities', arguments: { enable: ['oob'] }, id: 1 });
    await until(() => r.messages.length === 2, 'reply');
    expect(r.messages[1]).toMatchObject({ error: { class: 'GenericError' } });
  });

  it('tracks the run state from emitted events in query-status', async () => {
    const s = await sim({ listen: 'tcp:127.0.0.1:0' });
    const w = client(s.target);
    await until(() => w.infos.length === 1, 'info');
    s.emit('STOP');
    await until(() => w.events.length === 1, 'STOP');
    expect(await w.c.execute('query-status')).toEqual({ status: 'paused', singlestep: false, running: false });
    s.emit('GUEST_PANICKED', { action: 'pause', info: { type: 'hyper-v', arg1: 18446744073709551615n } });
    await until(() => w.events.length === 2, 'panic');
    expect(w.events[1]?.data).toEqual({ action: 'pause', info: { type: 'hyper-v', arg1: '18446744073709551615' } });
  });

  it('listens on a unix socket and takes over a stale socket file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qmp-sim-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const sock = path.join(dir, 'vm.qmp');
    // A crashed process leaves its socket file behind with nobody listening.
    const crashed = spawn(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(sock)})`], { stdio: 'ignore' });
    await until(() => fs.existsSync(sock), 'socket of the doomed process');
    await new Promise((r) => {
      crashed.once('exit', r);
      crashed.kill('SIGKILL');
    });
    expect(fs.statSync(sock).isSocket()).toBe(true);
    const s = await sim({ listen: `unix:${sock}` });
    expect(s.target).toBe(`unix:${sock}`);
    const w = client(s.target);
    await until(() => w.infos.length === 1, 'info');
  });

  it('plays the demo story live', async () => {
    const s = await sim({ listen: 'tcp:127.0.0.1:0', scenario: 'demo', seed: 7 });
    const w = client(s.target);
    await until(() => w.events.length >= 2, 'two demo events', 6000);
    expect(w.issues).toEqual([]);
    for (const e of w.events) expect(e.timestamp.seconds).toBeGreaterThan(1_600_000_000);
  });

  it('floods at roughly the requested rate, many events per chunk', async () => {
    const s = await sim({ listen: 'tcp:127.0.0.1:0', scenario: { flood: { eventsPerSecond: 20_000 } } });
    const w = client(s.target);
    await until(() => w.infos.length === 1, 'info');
    const start = { events: w.events.length, at: performance.now() };
    await new Promise((r) => setTimeout(r, 500));
    const got = w.events.length - start.events;
    const expected = ((performance.now() - start.at) * 20_000) / 1000;
    expect(got).toBeGreaterThan(expected * 0.5);
    expect(got).toBeLessThan(expected * 1.3);
    expect(w.events.length / w.batches.length).toBeGreaterThan(10);
    expect(w.issues).toEqual([]);
    expect(s.eventsSent).toBeGreaterThanOrEqual(w.events.length);
  });

  it('quiesce() stops the flood and waits until every line left the process: a client then gets exactly eventsSent', async () => {
    const s = await sim({ listen: 'tcp:127.0.0.1:0', scenario: { flood: { eventsPerSecond: 50_000 } } });
    const w = client(s.target);
    await until(() => w.events.length > 5000, 'a flood');
    await s.quiesce();
    const sent = s.eventsSent;
    await s.close();
    await until(() => w.events.length === sent, `all ${sent} events`, 10_000);
    await new Promise((r) => setTimeout(r, 50));
    expect(w.events.length).toBe(sent);
  });
});
