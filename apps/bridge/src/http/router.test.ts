import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventsResponse, HealthResponse, StoredEvent, VmInfo, VmsResponse } from '@qmpscope/events';
import { EventStore } from '../storage/eventStore.js';
import { createRequestHandler } from './router.js';
import { securityHeaders } from './securityHeaders.js';

const TOTAL = 20_000;
let dir: string;
let store: EventStore;
let server: Server;
let base: string;
let webDir: string;

const vm = (name: string): VmInfo => ({
  name,
  target: `unix:/run/${name}.qmp`,
  connection: 'connected',
  connectionSince: 1,
  lastError: null,
  status: 'running',
  qemuVersion: '7.2.0',
  guestName: null,
  eventCount: 0,
  lastEvent: null,
});

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qmpscope-http-'));
  webDir = join(dir, 'web');
  mkdirSync(join(webDir, 'assets'), { recursive: true });
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>qmpscope</title>');
  writeFileSync(join(webDir, 'assets', 'index-abc123.js'), 'console.log(1)');
  // Beside the web dir, where no link inside it may lead.
  writeFileSync(join(dir, 'secret.txt'), 'outside the web dir');
  symlinkSync('/', join(webDir, 'rootlink'));
  symlinkSync(join(dir, 'secret.txt'), join(webDir, 'assets', 'secret.js'));
  symlinkSync(join(webDir, 'assets', 'index-abc123.js'), join(webDir, 'assets', 'inside.js'));
  writeFileSync(join(webDir, '.env'), 'SECRET=1');
  mkdirSync(join(webDir, '.git'));
  writeFileSync(join(webDir, '.git', 'config'), '[core]');
  writeFileSync(join(webDir, 'assets', '.hidden.js'), 'HIDDEN_CONTENT');
  store = new EventStore(dir);
  const batch: StoredEvent[] = [];
  for (let seq = 1; seq <= TOTAL; seq++) {
    const ev: StoredEvent = {
      seq,
      vm: seq % 2 ? 'a' : 'b',
      event: seq % 10 === 0 ? 'RESET' : 'STOP',
      timestamp: { seconds: 1_700_000_000 + seq, microseconds: 0 },
      receivedAt: 1_700_000_000_000 + seq,
    };
    if (seq === 3) ev.data = { big: '18446744073709551615' };
    if (seq === 4) ev.data = {};
    batch.push(ev);
  }
  store.insertBatch(batch);
  const health: HealthResponse = {
    ok: true,
    version: '0.1.0',
    uptimeSeconds: 1,
    startedAt: 1_700_000_000_000,
    startReason: 'first-start',
    lastSeq: TOTAL,
    storage: { ok: true, error: null },
    vms: { total: 2, connected: 2 },
  };
  server = createServer(
    createRequestHandler({
      listVms: () => [vm('a'), vm('b')],
      health: () => health,
      queryEvents: (f, n) => store.query(f, n),
      lastSeq: () => TOTAL,
      webDir,
      metrics: () => Promise.resolve({ contentType: 'text/plain; version=0.0.4; charset=utf-8', body: 'qmpscope_last_seq 5\n' }),
    }),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('HTTP API', () => {
  it('GET /api/vms', async () => {
    const res = await fetch(`${base}/api/vms`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await res.json()) as VmsResponse).vms.map((v) => v.name)).toEqual(['a', 'b']);
  });

  it('GET /api/events pages ascending with hasMore, keeping absent data vs {} and big ints', async () => {
    const first = (await (await fetch(`${base}/api/events?limit=5`)).json()) as EventsResponse;
    expect(first.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(first.hasMore).toBe(true);
    expect(first.lastSeq).toBe(TOTAL);
    expect(first.events[0]).toEqual({
      seq: 1,
      vm: 'a',
      event: 'STOP',
      timestamp: { seconds: 1_700_000_001, microseconds: 0 },
      receivedAt: 1_700_000_000_001,
    });
    expect(first.events[2]!.data).toEqual({ big: '18446744073709551615' });
    expect(first.events[3]!.data).toEqual({});
    const filtered = (await (await fetch(`${base}/api/events?vm=b&event=RESET&after=19950`)).json()) as EventsResponse;
    expect(filtered.events.map((e) => e.seq)).toEqual([19960, 19970, 19980, 19990, 20000]);
    expect(filtered.hasMore).toBe(false);
    const ranged = (await (
      await fetch(`${base}/api/events?from=${(1_700_000_000 + 10) * 1000}&to=${new Date((1_700_000_000 + 12) * 1000).toISOString()}`)
    ).json()) as EventsResponse;
    expect(ranged.events.map((e) => e.seq)).toEqual([10, 11, 12]);
  });

  it('answers 400 with an actionable message for invalid queries', async () => {
    const bad = await fetch(`${base}/api/events?limit=abc`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'invalid limit "abc": expected an integer from 1 to 10000' });
    const unknown = await fetch(`${base}/api/events?vm=x`);
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({ error: 'unknown vm "x" (known: a, b)' });
  });

  it('streams NDJSON of all 20k events in order', async () => {
    const res = await fetch(`${base}/api/events.ndjson`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = (await res.text()).trimEnd().split('\n');
    expect(lines).toHaveLength(TOTAL);
    const seqs = lines.map((l) => (JSON.parse(l) as StoredEvent).seq);
    expect(seqs.every((s, i) => s === i + 1)).toBe(true);
    const some = await (await fetch(`${base}/api/events.ndjson?vm=a&limit=3&after=10`)).text();
    expect(
      some
        .trimEnd()
        .split('\n')
        .map((l) => (JSON.parse(l) as StoredEvent).seq),
    ).toEqual([11, 13, 15]);
  });

  it('serves /healthz, 404 JSON for unknown API paths, 405 for writes', async () => {
    expect(((await (await fetch(`${base}/healthz`)).json()) as HealthResponse).lastSeq).toBe(TOTAL);
    const nf = await fetch(`${base}/api/nope`);
    expect(nf.status).toBe(404);
    expect(((await nf.json()) as { error: string }).error).toMatch(/no API endpoint \/api\/nope/);
    const post = await fetch(`${base}/api/events`, { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('serves /metrics in the Prometheus text format, not the web app', async () => {
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toBe('qmpscope_last_seq 5\n');
  });

  it('serves the web app: assets cached long, deep links get index.html, no path escapes', async () => {
    const asset = await fetch(`${base}/assets/index-abc123.js`);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toMatch(/max-age=31536000, immutable/);
    const deep = await fetch(`${base}/?vm=demo&sel=42`);
    expect(deep.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await deep.text()).toMatch(/<title>qmpscope/);
    expect(await (await fetch(`${base}/vm/a/timeline`)).text()).toMatch(/<title>qmpscope/);
    const escape = await fetch(`${base}/..%2f..%2f..%2fetc%2fpasswd`);
    expect(await escape.text()).not.toMatch(/root:/);
  });

  it('sends the security headers on every answer', async () => {
    const expected = securityHeaders(new URL(base).host);
    for (const path of ['/api/vms', '/api/nope', '/', '/assets/index-abc123.js', '/assets/missing.js', '/healthz']) {
      const res = await fetch(`${base}${path}`);
      for (const [name, value] of Object.entries(expected)) expect(res.headers.get(name), `${name} on ${path}`).toBe(value);
    }
  });

  it('answers 404 for a missing file under /assets/ or with an extension, index.html only for app paths', async () => {
    for (const path of ['/assets/missing.js', '/assets/index-abc123.js.map', '/assets/sub', '/favicon.ico', '/vm/a.json']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toBe('text/plain; charset=utf-8');
      expect(await res.text(), path).not.toMatch(/<title>qmpscope/);
    }
    for (const path of ['/', '/vm/a', '/?vm=a.b&sel=3']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(200);
      expect(await res.text(), path).toMatch(/<title>qmpscope/);
    }
  });

  it('serves no file through a symlink leading out of the web dir, and no dotfile', async () => {
    const paths = [
      '/rootlink/etc/passwd',
      '/rootlink/etc/hostname',
      '/assets/secret.js',
      '/.env',
      '/.git/config',
      '/assets/.hidden.js',
      '/%2eenv',
      '/assets/%2ehidden.js',
    ];
    for (const path of paths) {
      const res = await rawGet(path);
      // An extension-less path gets the app's index.html, like any deep link; nothing gets the file.
      if (res.status === 200) expect(res.body, path).toMatch(/<title>qmpscope/);
      else expect(res.status, path).toBe(404);
      expect(res.body, path).not.toMatch(/root:|outside the web dir|SECRET|\[core\]|HIDDEN_CONTENT/);
    }
    // A link that stays inside the web dir is fine.
    expect(await (await fetch(`${base}/assets/inside.js`)).text()).toBe('console.log(1)');
  });
});

/** A GET whose path goes out exactly as written (fetch would normalise it). */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static fallback', () => {
  it('says to run npm run build when the web dir is missing', async () => {
    const s = createServer(
      createRequestHandler({
        listVms: () => [],
        health: () => {
          throw new Error('unused');
        },
        queryEvents: () => [],
        lastSeq: () => 0,
        metrics: () => {
          throw new Error('unused');
        },
        webDir: join(dir, 'no-such-dir'),
      }),
    );
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const res = await fetch(`http://127.0.0.1:${(s.address() as AddressInfo).port}/`);
    expect(await res.text()).toMatch(/npm run build/);
    await new Promise((r) => s.close(r));
  });
});
