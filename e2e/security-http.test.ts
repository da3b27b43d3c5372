/**
 * What the built bridge answers at the HTTP level, request by request: where a token link may
 * redirect, which files of the web dir it serves, and the headers on every answer, socket.io's
 * own polling answers included.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http, { type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BridgeProcess } from './harness/bridgeProcess.js';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A GET with the path exactly as written: fetch() would normalise `/.//x` before sending it. */
function rawGet(port: number, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
  });
}

describe('the token link redirects only to this origin', () => {
  const TOKEN = 'redirect-test-token-0123456789';
  let bridge: BridgeProcess;
  beforeAll(async () => {
    bridge = new BridgeProcess(['--token', TOKEN]);
    await bridge.start();
  });
  afterAll(async () => {
    await bridge?.dispose();
  });

  it('sends /.//evil.example/?token= and its variants to / with the query, never to //host', async () => {
    const cases: [string, string][] = [
      [`/.//evil.example/?token=${TOKEN}`, '/'],
      [`//evil.example/?token=${TOKEN}`, '/'],
      [`/.//evil.example/x/?vm=demo&token=${TOKEN}`, '/?vm=demo'],
      [`/%2F%2Fevil.example/?token=${TOKEN}`, '/'],
      [`/./%5Cevil.example/?token=${TOKEN}`, '/'],
      [`/?vm=demo&token=${TOKEN}&sel=4`, '/?vm=demo&sel=4'],
    ];
    for (const [path, location] of cases) {
      const res = await rawGet(bridge.port, path);
      expect(res.status, path).toBe(302);
      expect(res.headers.location, path).toBe(location);
      expect(new URL(res.headers.location ?? '', bridge.url).origin, path).toBe(bridge.url);
    }
  });
});

describe('the web dir: no way out through links, no dotfiles', () => {
  let dir: string;
  let bridge: BridgeProcess;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'qmpscope-webdir-'));
    const web = join(dir, 'web');
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>qmpscope test page</title>');
    writeFileSync(join(dir, 'outside.txt'), 'OUTSIDE_THE_WEB_DIR');
    symlinkSync('/', join(web, 'rootlink'));
    symlinkSync(join(dir, 'outside.txt'), join(web, 'assets', 'outside.js'));
    writeFileSync(join(web, '.env'), 'DOTFILE_CONTENT');
    mkdirSync(join(web, '.git'));
    writeFileSync(join(web, '.git', 'config'), 'DOTFILE_CONTENT');
    bridge = new BridgeProcess(['--web-dir', web]);
    await bridge.start();
  });
  afterAll(async () => {
    await bridge?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('serves neither /etc/passwd through a link to /, nor a file linked from outside, nor a dotfile', async () => {
    for (const path of [
      '/rootlink/etc/passwd',
      '/rootlink/etc/hostname',
      '/assets/outside.js',
      '/.env',
      '/.git/config',
      '/%2eenv',
      '/assets/../.env',
    ]) {
      const res = await rawGet(bridge.port, path);
      expect(res.body, path).not.toMatch(/root:|OUTSIDE_THE_WEB_DIR|DOTFILE_CONTENT/);
      // Extension-less paths are the app's deep links: they get index.html, like any unknown page.
      if (res.status === 200) expect(res.body, path).toMatch(/<title>qmpscope test page/);
      else expect(res.status, path).toBe(404);
    }
  });
});

describe('headers and files of the built dashboard', () => {
  let bridge: BridgeProcess;
  let host = '';
  beforeAll(async () => {
    bridge = new BridgeProcess([]);
    await bridge.start();
    host = new URL(bridge.url).host;
  });
  afterAll(async () => {
    await bridge?.dispose();
  });

  it("puts the security headers on socket.io's polling answers like on every other", async () => {
    const page = await rawGet(bridge.port, '/');
    for (const path of ['/socket.io/?EIO=4&transport=polling', '/api/vms', '/healthz', '/assets/missing.js']) {
      const res = await rawGet(bridge.port, path);
      for (const name of ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'x-frame-options']) {
        expect(res.headers[name], `${name} on ${path}`).toBe(page.headers[name]);
      }
    }
  });

  it('lets the page open sockets only to the host it came from, and send no forms', async () => {
    const csp = String((await rawGet(bridge.port, '/')).headers['content-security-policy']);
    expect(/connect-src ([^;]*)/.exec(csp)?.[1]).toBe(`'self' ws://${host} wss://${host}`);
    expect(csp.split('; ')).toContain("form-action 'none'");
  });

  it('serves no source maps, and 404 for a missing script instead of index.html', async () => {
    const index = (await rawGet(bridge.port, '/')).body;
    const scripts = [...index.matchAll(/src="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      const res = await rawGet(bridge.port, script);
      expect(res.status, script).toBe(200);
      expect(res.body, script).not.toMatch(/sourceMappingURL/);
      expect((await rawGet(bridge.port, `${script}.map`)).status, `${script}.map`).toBe(404);
    }
    const missing = await rawGet(bridge.port, '/assets/index-0000missing.js');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toBe('text/plain; charset=utf-8');
  });
});
