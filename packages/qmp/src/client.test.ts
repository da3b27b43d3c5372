import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QmpClient } from './client.js';
import { QmpFramer } from './framing.js';
import { QmpError } from './qmpError.js';
import type { JsonObject, JsonValue, QmpClientOptions, QmpEvent, QmpProtocolIssue, QmpStateChange, QmpVmInfo } from './types.js';

type Reply = JsonObject | null; // null: do not answer
type Handler = (cmd: JsonObject, conn: number) => Reply;

/** A QMP server whose every answer the test controls, over a real socket. */
class ScriptedServer {
  readonly server = net.createServer((s) => this.#accept(s));
  readonly sockets: net.Socket[] = [];
  readonly commands: Array<{ conn: number; cmd: JsonObject }> = [];
  capabilities: string[] = [];
  greet = true;
  handlers: Record<string, Handler> = {};

  async listen(where: { path: string } | { port: number; host: string }): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(where, resolve));
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  get current(): net.Socket {
    const s = this.sockets.at(-1);
    if (s === undefined) throw new Error('no client connected');
    return s;
  }

  write(text: string): void {
    this.current.write(text);
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  #accept(socket: net.Socket): void {
    const conn = this.sockets.push(socket) - 1;
    socket.on('error', () => {
      /* the client resets connections on purpose in these tests */
    });
    if (this.greet) {
      socket.write(
        JSON.stringify({
          QMP: { version: { qemu: { micro: 0, minor: 2, major: 7 }, package: 'Debian 1:7.2+dfsg-7' }, capabilities: this.capabilities },
        }) + '\r\n',
      );
    }
    const framer = new QmpFramer({ onMessage: (m) => this.#command(socket, conn, m as JsonObject), onIssue: () => {} });
    socket.on('data', (chunk) => framer.push(chunk));
  }

  #command(socket: net.Socket, conn: number, cmd: JsonObject): void {
    this.commands.push({ conn, cmd });
    const name = String(cmd['execute']);
    const handler = this.handlers[name];
    const reply = handler === undefined ? defaultReply(name) : handler(cmd, conn);
    if (reply !== null) socket.write(JSON.stringify({ ...reply, id: cmd['id'] ?? null }) + '\r\n');
  }
}

function defaultReply(name: string): JsonObject {
  switch (name) {
    case 'qmp_capabilities':
      return { return: {} };
    case 'query-status':
      return { return: { status: 'running', singlestep: false, running: true } };
    case 'query-name':
      return { return: { name: 'vm1' } };
    case 'query-version':
      return { return: { qemu: { micro: 0, minor: 2, major: 7 }, package: 'Debian 1:7.2+dfsg-7' } };
    default:
      return { error: { class: 'CommandNotFound', desc: `The command ${name} has not been found` } };
  }
}

async function until(pred: () => boolean, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A client with recorders for everything it emits. */
function watch(opts: QmpClientOptions) {
  const client = new QmpClient({
    reconnect: { initialDelayMs: 20, maxDelayMs: 100 },
    greetingTimeoutMs: 1000,
    commandTimeoutMs: 2000,
    ...opts,
  });
  const states: QmpStateChange[] = [];
  const events: QmpEvent[] = [];
  const batches: QmpEvent[][] = [];
  const infos: QmpVmInfo[] = [];
  const issues: QmpProtocolIssue[] = [];
  client.on('state', (s) => states.push(s));
  client.on('event', (e) => events.push(e));
  client.on('events', (b) => batches.push(b));
  client.on('info', (i) => infos.push(i));
  client.on('protocolIssue', (i) => issues.push(i));
  return { client, states, events, batches, infos, issues };
}

const ev = (event: string, seconds: number, data?: JsonObject): JsonObject =>
  data === undefined
    ? { event, timestamp: { seconds, microseconds: 123456 } }
    : { event, data, timestamp: { seconds, microseconds: 123456 } };
const line = (v: JsonValue) => JSON.stringify(v) + '\r\n';

let dir: string;
let sock: string;
let server: ScriptedServer;
let clients: QmpClient[];

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qmp-client-'));
  sock = path.join(dir, 'vm.qmp');
  server = new ScriptedServer();
  clients = [];
});

afterEach(async () => {
  await Promise.all(clients.map((c) => c.stop()));
  await server.close().catch(() => undefined);
  fs.rmSync(dir, { recursive: true, force: true });
});

function start(opts: Partial<QmpClientOptions> = {}) {
  const w = watch({ target: `unix:${sock}`, ...opts });
  clients.push(w.client);
  w.client.start();
  return w;
}

describe('QmpClient over a unix socket', () => {
  it('negotiates, reports connected, then queries the VM info', async () => {
    await server.listen({ path: sock });
    const w = start();
    await until(() => w.infos.length > 0, 'info');
    expect(w.states.map((s) => s.state)).toEqual(['connecting', 'connected']);
    expect(w.client.greeting?.version.qemu).toEqual({ major: 7, minor: 2, micro: 0 });
    expect(w.infos[0]).toEqual({ status: 'running', running: true, name: 'vm1', version: '7.2.0' });
    expect(server.commands.map((c) => c.cmd['execute'])).toEqual(['qmp_capabilities', 'query-status', 'query-name', 'query-version']);
    expect(server.commands[0]?.cmd['arguments']).toBeUndefined();
  });

  it('asks for oob only when the greeting offers it', async () => {
    server.capabilities = ['oob'];
    await server.listen({ path: sock });
    const w = start();
    await until(() => w.client.state === 'connected', 'connected');
    expect(server.commands[0]?.cmd).toMatchObject({ execute: 'qmp_capabilities', arguments: { enable: ['oob'] } });
  });

  it('runs commands, turns error replies into QmpError and drops replies with unknown ids', async () => {
    server.handlers['query-kvm'] = () => ({ return: { enabled: false, present: true } });
    await server.listen({ path: sock });
    const w = start();
    await until(() => w.infos.length > 0, 'info');
    await expect(w.client.execute('query-kvm')).resolves.toEqual({ enabled: false, present: true });
    const err = await w.client.execute('bogus').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QmpError);
    expect(err).toMatchObject({ errorClass: 'CommandNotFound', desc: 'The command bogus has not been found' });
    server.write(line({ return: {}, id: 424242 }));
    await until(() => w.issues.length > 0, 'issue');
    expect(w.issues[0]).toMatchObject({ kind: 'unexpected-message' });
    expect(w.client.state).toBe('connected');
  });

  it('keeps at most 8 commands in flight and queues the rest', async () => {
    const held: Array<() => void> = [];
    server.handlers['slow'] = (cmd) => {
      held.push(() => server.write(line({ return: { n: cmd['arguments'] as JsonValue }, id: cmd['id'] as JsonValue })));
      return null;
    };
    await server.listen({ path: sock });
    const w = start();
    await until(() => w.infos.length > 0, 'info');
    const results = Array.from({ length: 20 }, (_, i) => w.client.execute('slow', { i }));
    await until(() => held.length === 8, '8 commands');
    await new Promise((r) => setTimeout(r, 50));
    expect(held.length).toBe(8);
    while ((await Promise.race([Promise.all(results).then(() => true), new Promise((r) => setTimeout(() => r(false), 20))])) === false) {
      held.splice(0).forEach((answer) => answer());
    }
    expect((await Promise.all(results)).map((r) => (r as { n: { i: number } }).n.i)).toEqual([...Array(20).keys()]);
  });

  it('times a command out and rejects pending commands on disconnect', async () => {
    server.handlers['never'] = () => null;
    await server.listen({ path: sock });
    const w = start({ commandTimeoutMs: 100 });
    await until(() => w.infos.length > 0, 'info');
    await expect(w.client.execute('never')).rejects.toThrow(/timed out after 100 ms/);
    const pending = w.client.execute('never');
    server.current.destroy();
    await expect(pending).rejects.toThrow(/not completed: connection to unix:.* (closed|reset) by QEMU/);
  });

  it('rejects commands when not connected', async () => {
    const w = start({ reconnect: false });
    await expect(w.client.execute('query-status')).rejects.toThrow(/not connected/);
  });

  it('delivers events split at every offset, exactly, in batches', async () => {
    await server.listen({ path: sock });
    const w = start();
    await until(() => w.infos.length > 0, 'info');
    const story = [
      ev('BALLOON_CHANGE', 1700000001, { actual: 1073741824 }),
      ev('POWERDOWN', 1700000002),
      ev('GUEST_PANICKED', 1700000003, { action: 'run', info: { type: 'hyper-v', arg1: 18446744073709551615n as unknown as number } }),
    ];
    const text = Buffer.from(
      story
        .map((e) => JSON.stringify(e, (_k, v: unknown) => (typeof v === 'bigint' ? `@@${v}@@` : v)).replace(/"@@(\d+)@@"/g, '$1') + '\r\n')
        .join(''),
    );
    const before = Date.now();
    for (let cut = 0; cut <= text.length; cut++) {
      server.write(text.subarray(0, cut) as unknown as string);
      await new Promise((r) => setImmediate(r));
      server.write(text.subarray(cut) as unknown as string);
      await until(() => w.events.length === 3 * (cut + 1), `events after cut ${cut}`);
    }
    expect(w.issues).toEqual([]);
    expect(w.batches.flat()).toEqual(w.events);
    for (let i = 0; i < w.events.length; i += 3) {
      expect(w.events.slice(i, i + 3).map(({ receivedAt: _, ...e }) => e)).toEqual([
        story[0],
        story[1],
        {
          event: 'GUEST_PANICKED',
          data: { action: 'run', info: { type: 'hyper-v', arg1: '18446744073709551615' } },
          timestamp: { seconds: 1700000003, microseconds: 123456 },
        },
      ]);
    }
    expect(w.events[0]?.data).toEqual({ actual: 1073741824 });
    expect('data' in (w.events[1] ?? {})).toBe(false);
    expect(w.events[0]?.receivedAt).toBeGreaterThanOrEqual(before - 5);
    expect(w.events[0]?.receivedAt).toBeLessThanOrEqual(Date.now() + 5);
  });

  it('pause() stops reading so the server backs up; resume() delivers everything, in order', async () => {
    await server.listen({ path: sock });
    const w = start();
    await until(() => w.infos.length > 0, 'info');
    w.client.pause();
    expect(w.client.paused).toBe(true);
    const count = 20_000; // ~1.5 MB: more than the kernel's socket buffers hold
    let text = '';
    for (let i = 0; i < count; i++) text += line(ev('RTC_CHANGE', 1700000000 + i, { offset: i, 'qom-path': '/machine/rtc' }));
    server.write(text);
    await new Promise((r) => setTimeout(r, 150));
    const seenWhilePaused = w.events.length;
    await new Promise((r) => setTimeout(r, 150));
    expect(w.events.length).toBe(seenWhilePaused); // nothing more read while paused
    expect(seenWhilePaused).toBeLessThan(count);
    expect(server.current.writableLength).toBeGreaterThan(0); // the writer is held back, not buffered by us
    w.client.resume();
    expect(w.client.paused).toBe(false);
    await until(() => w.events.length === count, 'all events after resume');
    expect(w.events.map((e) => e.data?.['offset'])).toEqual(Array.from({ length: count }, (_, i) => i));
  });

  it('a paused client reads nothing, not even the end of its connection, until resumed', async () => {
    await server.listen({ path: sock });
    const w = start();
    await until(() => w.infos.length > 0, 'info');
    w.client.pause();
    server.write(line(ev('STOP', 1)));
    server.current.destroy();
    await new Promise((r) => setTimeout(r, 100));
    expect(w.events).toHaveLength(0);
    expect(server.sockets).toHaveLength(1);
    expect(w.client.state).toBe('connected');
    w.client.resume();
    // What QEMU sent before the end is read, then the end: the client reconnects.
    await until(() => w.events.length === 1, 'the event sent before the close');
    await until(() => server.sockets.length === 2 && w.client.state === 'connected', 'reconnect');
  });

  it('a client paused while it waits to reconnect stays paused on the new connection', async () => {
    const w = start();
    await until(() => w.states.some((s) => s.state === 'disconnected'), 'a failed connect');
    w.client.pause();
    await server.listen({ path: sock });
    await until(() => server.sockets.length === 1, 'connect');
    server.write(line(ev('STOP', 1)));
    await new Promise((r) => setTimeout(r, 100));
    expect(w.client.state).toBe('connecting'); // the greeting is not read while paused
    w.client.resume();
    await until(() => w.events.length === 1, 'event after resume');
    expect(w.client.state).toBe('connected');
  });

  it('skips garbage lines and invalid events with protocol issues', async () => {
    await server.listen({ path: sock });
    const w = start();
    await until(() => w.infos.length > 0, 'info');
    server.write(
      'this is not json\r\n' +
        line({ event: 'X', timestamp: { seconds: 'soon' } }) +
        line({ event: 'Y', data: [1], timestamp: { seconds: 1, microseconds: 2 } }) +
        line(ev('RESUME', 5)),
    );
    await until(() => w.events.length === 1, 'RESUME');
    expect(w.issues.map((i) => i.kind)).toEqual(['invalid-json', 'invalid-event', 'invalid-event']);
    expect(w.client.state).toBe('connected');
  });

  it('keeps info.status current from run-state events', async () => {
    await server.listen({ path: sock });
    const w = start();
    await until(() => w.infos.length > 0, 'info');
    server.write(line(ev('STOP', 1)) + line(ev('RESET', 2, { guest: false, reason: 'host-qmp-system-reset' })));
    await until(() => w.infos.length === 2, 'info after STOP');
    server.write(line(ev('SHUTDOWN', 3, { guest: true, reason: 'guest-shutdown' })) + line(ev('STOP', 3)));
    await until(() => w.infos.length === 3, 'info after SHUTDOWN');
    await new Promise((r) => setTimeout(r, 30));
    expect(w.infos.slice(1).map((i) => [i.status, i.running])).toEqual([
      ['paused', false],
      ['shutdown', false],
    ]);
  });

  it('resets the connection on an oversized line, reconnects and re-queries', async () => {
    await server.listen({ path: sock });
    const w = start({ maxLineBytes: 1000 });
    await until(() => w.infos.length > 0, 'info');
    server.write(`{"event": "X", "data": {"blob": "${'x'.repeat(5000)}"}}\r\n`);
    await until(() => w.infos.length === 2, 'info after reconnect');
    expect(w.issues.map((i) => i.kind)).toEqual(['line-too-long']);
    expect(w.states.map((s) => s.state)).toEqual(['connecting', 'connected', 'disconnected', 'connecting', 'connected']);
    expect(w.states[2]?.error).toMatch(/exceeded maxLineBytes \(1000\)/);
    expect(server.commands.filter((c) => c.cmd['execute'] === 'qmp_capabilities').length).toBe(2);
  });

  it('survives the server vanishing and coming back', async () => {
    await server.listen({ path: sock });
    const w = start();
    await until(() => w.infos.length > 0, 'info');
    await server.close();
    await until(() => w.states.filter((s) => s.state === 'disconnected').length >= 2, 'failed reconnects');
    expect(w.states[2]).toEqual({ state: 'disconnected', error: `connection to unix:${sock} closed by QEMU` });
    expect(w.states.at(-1)?.error).toBe(
      `cannot connect to unix:${sock}: no such file — is QEMU started with -qmp unix:${sock},server=on,wait=off?`,
    );
    server = new ScriptedServer();
    server.handlers['query-status'] = () => ({ return: { status: 'paused', singlestep: false, running: false } });
    await server.listen({ path: sock });
    await until(() => w.infos.length === 2, 'info after comeback');
    expect(w.client.state).toBe('connected');
    expect(w.infos[1]).toEqual({ status: 'paused', running: false, name: 'vm1', version: '7.2.0' });
    expect(server.commands.map((c) => c.cmd['execute'])).toContain('qmp_capabilities');
  });

  it('gives up an attempt without greeting, with a reason', async () => {
    server.greet = false;
    await server.listen({ path: sock });
    const w = start({ greetingTimeoutMs: 100, reconnect: false });
    await until(() => w.client.state === 'disconnected' && w.states.length === 2, 'disconnected');
    expect(w.states[1]?.error).toMatch(/no QMP greeting from unix:.* within 100 ms/);
  });

  it('stop() closes and does not reconnect', async () => {
    await server.listen({ path: sock });
    const w = start();
    await until(() => w.client.state === 'connected', 'connected');
    await w.client.stop();
    await new Promise((r) => setTimeout(r, 100));
    expect(w.states.map((s) => s.state)).toEqual(['connecting', 'connected', 'disconnected']);
    expect(w.states[2]?.error).toBeUndefined();
    expect(server.sockets.length).toBe(1);
  });
});

describe('QmpClient over TCP', () => {
  it('connects, negotiates and receives events', async () => {
    await server.listen({ host: '127.0.0.1', port: 0 });
    const w = start({ target: `tcp:127.0.0.1:${server.port}` });
    await until(() => w.infos.length > 0, 'info');
    server.write(line(ev('STOP', 9)));
    await until(() => w.events.length === 1, 'event');
    expect(w.events[0]?.event).toBe('STOP');
    expect(w.client.info.status).toBe('paused');
  });

  it('says "connection refused" with a hint when nobody listens', async () => {
    await server.listen({ host: '127.0.0.1', port: 0 });
    const port = server.port;
    await server.close();
    const w = start({ target: `tcp:127.0.0.1:${port}`, reconnect: false });
    await until(() => w.client.state === 'disconnected' && w.states.length === 2, 'refused');
    expect(w.states[1]?.error).toBe(
      `cannot connect to tcp:127.0.0.1:${port}: connection refused — is QEMU started with -qmp tcp:127.0.0.1:${port},server=on,wait=off?`,
    );
  });
});
