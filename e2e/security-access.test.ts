/**
 * Who may use the bridge, against the real built bridge process: a non-loopback listener needs a
 * token (generated and printed when none is given), the `?token=` link trades it for an HttpOnly
 * cookie, the API and socket.io refuse requests without it (401) and cross-site ones (403), bad
 * queries and socket messages get a reason and no crash, and no browser-side request makes the
 * bridge send QEMU anything but the fixed read-only queries.
 */
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { ApiError, ClientToServerEvents, ServerToClientEvents, SubscribeAck, VmsResponse } from '@qmpscope/events';
import { BridgeProcess } from './harness/bridgeProcess.js';
import { waitFor } from './harness/waitFor.js';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const READ_ONLY = ['qmp_capabilities', 'query-status', 'query-name', 'query-version'];

/** A QMP peer that answers like QEMU 7.2 and records every command it is sent: the proof of read-only. */
function recordingQmpServer(): Promise<{ target: string; commands: string[]; close: () => void }> {
  const commands: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => sockets.delete(socket));
    socket.write('{"QMP": {"version": {"qemu": {"micro": 0, "minor": 2, "major": 7}, "package": ""}, "capabilities": ["oob"]}}\r\n');
    let buf = '';
    socket.on('data', (chunk) => {
      buf += chunk.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (line === '') continue;
        const msg = JSON.parse(line) as { execute?: string; id?: unknown };
        const name = msg.execute ?? '?';
        commands.push(name);
        const ret =
          name === 'query-status'
            ? { status: 'running', singlestep: false, running: true }
            : name === 'query-version'
              ? { qemu: { micro: 0, minor: 2, major: 7 }, package: '' }
              : name === 'query-name'
                ? { name: 'recorder' }
                : {};
        socket.write(JSON.stringify({ return: ret, ...(msg.id !== undefined ? { id: msg.id } : {}) }) + '\r\n');
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      resolve({
        target: `tcp:127.0.0.1:${port}`,
        commands,
        close: () => {
          for (const s of sockets) s.destroy();
          server.close();
        },
      });
    }),
  );
}

function connect(url: string, opts: Parameters<typeof io>[1] = {}): Client {
  return io(url, { reconnection: false, timeout: 10_000, ...opts }) as Client;
}

function outcome(socket: Client): Promise<'connected' | string> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (err) =>
      resolve(`error: ${err.message} ${JSON.stringify((err as { context?: { status?: number } }).context?.status ?? '')}`),
    );
  });
}

describe('listening beyond loopback: the access token', () => {
  const qmp = { target: '', commands: [] as string[], close: () => {} };
  let bridge: BridgeProcess;
  let base = '';
  let token = '';
  const sockets: Client[] = [];

  beforeAll(async () => {
    Object.assign(qmp, await recordingQmpServer());
    bridge = new BridgeProcess(['--host', '0.0.0.0', '--vm', `rec=${qmp.target}`]);
    await bridge.start();
    // The token line follows the URL line, possibly in a later chunk of output.
    const link = await waitFor(
      'the printed link with the token',
      () => /open (http:\/\/\S+)\?token=(\S+)/.exec(bridge.output) ?? undefined,
      10_000,
    );
    token = link[2]!;
    // 0.0.0.0 is reachable as 127.0.0.1; the Host header then names 127.0.0.1, as a browser would.
    base = `http://127.0.0.1:${bridge.port}`;
    await waitFor('the bridge to connect to the QMP peer', async () => {
      const res = await fetch(`${base}/api/vms`, { headers: { authorization: `Bearer ${token}` } });
      return ((await res.json()) as VmsResponse).vms[0]?.connection === 'connected' ? true : undefined;
    });
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await bridge?.dispose();
    qmp.close();
  });

  it('generated a random token and printed the link to open', () => {
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(bridge.output).toMatch(/access token required; open http:\/\/0\.0\.0\.0:\d+\/\?token=/);
  });

  it('refuses the API, the health check and the page without the token: 401 with a JSON reason', async () => {
    for (const path of ['/api/vms', '/api/events', '/api/events.ndjson', '/healthz', '/', '/index.html']) {
      const res = await fetch(base + path);
      expect(res.status, path).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(((await res.json()) as ApiError).error, path).toMatch(/access token required/);
    }
    const wrong = await fetch(`${base}/api/vms`, { headers: { authorization: `Bearer ${token.slice(1)}x` } });
    expect(wrong.status).toBe(401);
  });

  it('accepts the Bearer header', async () => {
    const res = await fetch(`${base}/api/vms`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as VmsResponse).vms.map((v) => v.name)).toEqual(['rec']);
  });

  it('trades ?token= for an HttpOnly SameSite=Strict cookie and redirects to the URL without it', async () => {
    const res = await fetch(`${base}/?vm=rec&token=${token}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/?vm=rec');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const pair = cookie.split(';')[0]!;
    const page = await fetch(`${base}/?vm=rec`, { headers: { cookie: pair } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<div id="root">/);
    const api = await fetch(`${base}/api/vms`, { headers: { cookie: pair } });
    expect(api.status).toBe(200);
    expect((await fetch(`${base}/?token=wrong-token-0123456789`, { redirect: 'manual' })).status).toBe(401);
  });

  it('refuses socket.io without the token, over polling and WebSocket, and accepts it with one', async () => {
    for (const transports of [['polling'], ['websocket']]) {
      const anonymous = connect(base, { transports });
      sockets.push(anonymous);
      expect(await outcome(anonymous), transports[0]).toMatch(/^error/);
      expect(anonymous.connected).toBe(false);
      const authed = connect(base, { transports, extraHeaders: { authorization: `Bearer ${token}` } });
      sockets.push(authed);
      expect(await outcome(authed), transports[0]).toBe('connected');
    }
    const polling = await fetch(`${base}/socket.io/?EIO=4&transport=polling`);
    expect(polling.status).toBe(401);
    expect(((await polling.json()) as ApiError).error).toMatch(/access token required/);
  });

  it('refuses cross-site requests with 403 even when they carry the token', async () => {
    const headers = { authorization: `Bearer ${token}`, origin: 'http://evil.example' };
    const api = await fetch(`${base}/api/vms`, { headers });
    expect(api.status).toBe(403);
    expect(((await api.json()) as ApiError).error).toMatch(/cross-origin/);
    const ws = connect(base, { transports: ['websocket'], extraHeaders: headers });
    sockets.push(ws);
    expect(await outcome(ws)).toMatch(/^error/);
    const same = await fetch(`${base}/api/vms`, { headers: { ...headers, origin: base } });
    expect(same.status).toBe(200);
  });

  it('answers bad queries with 400 and a reason', async () => {
    const auth = { authorization: `Bearer ${token}` };
    const cases: [string, RegExp][] = [
      ['/api/events?limit=99999999999', /limit/],
      ['/api/events?limit=-1', /limit/],
      ['/api/events?vm=nosuchvm', /unknown vm "nosuchvm"/],
      ['/api/events?after=abc', /after/],
      ['/api/events?from=yesterday', /from/],
      ['/api/events?event=%3Cscript%3E', /invalid event/],
      ['/api/events?after=1&after=2', /once/],
    ];
    for (const [path, reason] of cases) {
      const res = await fetch(base + path, { headers: auth });
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as ApiError).error, path).toMatch(reason);
    }
    expect((await fetch(`${base}/api/nothing`, { headers: auth })).status).toBe(404);
  });

  it('answers malformed and flooding socket.io messages without dropping the client', async () => {
    const s = connect(base, { transports: ['websocket'], extraHeaders: { authorization: `Bearer ${token}` } });
    sockets.push(s);
    expect(await outcome(s)).toBe('connected');
    const raw = s as unknown as { emitWithAck: (ev: string, ...args: unknown[]) => Promise<SubscribeAck> };
    const bad = await raw.emitWithAck('subscribe', { after: 'abc' });
    expect(bad.ok).toBe(false);
    expect(bad.error).toBeTruthy();
    expect((await raw.emitWithAck('subscribe', 'not an object')).ok).toBe(false);
    const acks: SubscribeAck[] = [];
    for (let i = 0; i < 30; i++) acks.push(await raw.emitWithAck('subscribe', { after: null }));
    expect(acks.filter((a) => a.ok).length).toBeLessThanOrEqual(10);
    expect(acks.at(-1)?.error).toMatch(/too many subscribe requests/);
    // Events outside the contract, and a payload over the size limit, must neither reach QEMU nor crash.
    (s as unknown as { emit: (ev: string, ...args: unknown[]) => void }).emit('execute', { execute: 'quit' });
    (s as unknown as { emit: (ev: string, ...args: unknown[]) => void }).emit('qmp', 'system_powerdown');
    const res = await fetch(`${base}/healthz`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
  });

  it('sends QEMU nothing but the read-only queries, whatever browsers send', async () => {
    const auth = { authorization: `Bearer ${token}` };
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      for (const path of ['/api/vms', '/api/vms/rec', '/api/execute', '/socket.io/?EIO=4&transport=polling']) {
        const res = await fetch(base + path, {
          method,
          headers: { ...auth, 'content-type': 'application/json' },
          body: '{"execute":"quit"}',
        });
        expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      }
    }
    expect(qmp.commands.length).toBeGreaterThan(0);
    const res = await fetch(`${base}/api/vms`, { headers: auth });
    expect(((await res.json()) as VmsResponse).vms[0]?.connection).toBe('connected');
    expect([...new Set(qmp.commands)].filter((c) => !READ_ONLY.includes(c))).toEqual([]);
    expect(qmp.commands).toContain('qmp_capabilities');
  });
});

describe('on loopback without a token', () => {
  let bridge: BridgeProcess;
  beforeAll(async () => {
    bridge = new BridgeProcess([]);
    await bridge.start();
  });
  afterAll(async () => {
    await bridge?.dispose();
  });

  it('needs no token, says so, and still refuses other sites and foreign Host names (DNS rebinding)', async () => {
    await waitFor('the loopback notice', () => (/loopback only, no access token/.test(bridge.output) ? true : undefined), 10_000);
    expect((await fetch(`${bridge.url}/api/vms`)).status).toBe(200);
    const cross = await fetch(`${bridge.url}/api/vms`, { headers: { origin: 'http://evil.example' } });
    expect(cross.status).toBe(403);
    // fetch() will not forge a Host header; node:http will, as a DNS-rebound page's browser would send it.
    const rebound = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.get(
        { host: '127.0.0.1', port: bridge.port, path: '/api/vms', headers: { host: `evil.example:${bridge.port}` } },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => {
            body += c.toString();
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
    });
    expect(rebound.status).toBe(403);
    expect((JSON.parse(rebound.body) as ApiError).error).toMatch(/loopback only/);
  });

  it('sends the security headers on the page', async () => {
    const res = await fetch(`${bridge.url}/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
    expect(scriptSrc).toMatch(/'self'/);
    expect(scriptSrc).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('enforces an optional --token on loopback too', async () => {
    const guarded = new BridgeProcess(['--token', 'loopback-token-0123456789']);
    try {
      await guarded.start();
      expect((await fetch(`${guarded.url}/api/vms`)).status).toBe(401);
      expect((await fetch(`${guarded.url}/api/vms`, { headers: { authorization: 'Bearer loopback-token-0123456789' } })).status).toBe(200);
    } finally {
      await guarded.dispose();
    }
  });
});
