import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Server as SocketServer } from 'socket.io';
import { installAccessGate } from './accessGate.js';
import { securityHeaders } from './securityHeaders.js';

const TOKEN = 'gate-test-token-0123456789';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A raw GET: the path goes out exactly as written (fetch would normalise `/.//x`). */
function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** An HTTP server like the bridge's: a page handler, socket.io attached, then the gate in front of both. */
async function gatedServer(token: string | null): Promise<{ server: Server; io: SocketServer; port: number }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>page</title>');
  });
  const io = new SocketServer(server);
  installAccessGate(server, token);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, io, port: (server.address() as AddressInfo).port };
}

describe('the access gate', () => {
  let guarded: { server: Server; io: SocketServer; port: number };
  let open: { server: Server; io: SocketServer; port: number };
  const bearer = { authorization: `Bearer ${TOKEN}` };

  beforeAll(async () => {
    guarded = await gatedServer(TOKEN);
    open = await gatedServer(null);
  });
  afterAll(async () => {
    for (const s of [guarded, open]) await new Promise((r) => s.io.close(r));
  });

  it("puts the security headers on socket.io's own polling answers and on refusals", async () => {
    for (const [port, headers] of [
      [guarded.port, bearer],
      [open.port, {}],
    ] as const) {
      const polling = await get(port, '/socket.io/?EIO=4&transport=polling', headers);
      expect(polling.status).toBe(200);
      expect(polling.body).toMatch(/"sid"/);
      for (const [name, value] of Object.entries(securityHeaders(`127.0.0.1:${port}`))) {
        expect(polling.headers[name.toLowerCase()], name).toBe(value);
      }
    }
    const refused = await get(guarded.port, '/socket.io/?EIO=4&transport=polling');
    expect(refused.status).toBe(401);
    expect(refused.headers['content-security-policy']).toBe(securityHeaders(`127.0.0.1:${guarded.port}`)['Content-Security-Policy']);
  });

  it('lets the page connect only to its own host, and submit no forms', async () => {
    const csp = String((await get(open.port, '/')).headers['content-security-policy']);
    const connect = /connect-src ([^;]*)/.exec(csp)?.[1]?.split(' ') ?? [];
    expect(connect).toEqual(["'self'", `ws://127.0.0.1:${open.port}`, `wss://127.0.0.1:${open.port}`]);
    expect(csp).toMatch(/(^|; )form-action 'none'(;|$)/);
  });

  it('redirects the token link to / on this origin with the query, never to //host', async () => {
    for (const path of [`/.//evil.example/?token=${TOKEN}`, `//evil.example/?token=${TOKEN}`, `/%2F/evil.example/?token=${TOKEN}`]) {
      const res = await get(guarded.port, path);
      expect(res.status, path).toBe(302);
      expect(res.headers.location, path).toBe('/');
    }
    expect((await get(guarded.port, `/.//evil.example/?vm=a&token=${TOKEN}`)).headers.location).toBe('/?vm=a');
  });

  it('answers a browser without the cookie with a page that links to the dashboard, and API clients with JSON', async () => {
    const browser = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
    for (const headers of [browser, { 'sec-fetch-dest': 'document', 'sec-fetch-mode': 'navigate' }]) {
      const page = await get(guarded.port, '/?vm=a&sel=3', headers);
      expect(page.status).toBe(401);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(page.body).toMatch(/<h1>qmpscope needs its access token<\/h1>/);
      expect(page.body).toContain('<a href="/?vm=a&#38;sel=3">Open the dashboard</a>');
      expect(page.body).not.toMatch(/<script/i);
    }
    for (const headers of [{}, { accept: '*/*' }, { accept: 'application/json' }] as Record<string, string>[]) {
      const api = await get(guarded.port, '/?vm=a', headers);
      expect(api.status).toBe(401);
      expect(api.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(JSON.parse(api.body)).toEqual({ error: expect.stringMatching(/access token required/) });
    }
  });

  it('puts nothing of the request into the page as markup', async () => {
    const page = await get(guarded.port, '/"><script>alert(1)</script>?vm="><script>alert(1)</script>&token=wrong-token-0123456789', {
      accept: 'text/html',
    });
    expect(page.status).toBe(401);
    expect(page.body).toMatch(/wrong access token in the link/);
    expect(page.body).not.toMatch(/<script|wrong-token/i);
    expect(page.body).toContain('<a href="/?vm=%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E">');
  });
});
