/**
 * The TLS reverse proxy docs/SECURITY.md advises, in front of the real bridge: a proxy that keeps
 * Host (here a TLS terminator passing the bytes through, as `proxy_set_header Host $host` would),
 * and a real chromium opening the token link over https. The page must load and show live events
 * over socket.io, though chromium then sends `Origin: https://HOST`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startQmpSimulator, type QmpSimulator } from '@qmpscope/qmp-sim';
import { BridgeProcess } from './harness/bridgeProcess.js';
import { chromiumAvailable, CHROMIUM, launchChromium } from './harness/browser.js';
import { selfSignedCertificate } from './harness/selfSignedCertificate.js';

if (!chromiumAvailable) console.warn(`SKIPPED: browser e2e needs ${CHROMIUM} (apt install chromium); CI installs it.`);

const TOKEN = 'proxy-test-token-0123456789';

/** TLS outside, the bridge's plain HTTP inside; the HTTP bytes, Host and Origin included, pass untouched. */
function tlsProxy(credentials: { key: Buffer; cert: Buffer }, upstreamPort: number): Promise<{ port: number; close: () => void }> {
  const open = new Set<net.Socket>();
  const server = tls.createServer(credentials, (client) => {
    const upstream = net.connect(upstreamPort, '127.0.0.1');
    open.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    // One side gone: drop the other, as a proxy does.
    client
      .on('error', () => upstream.destroy())
      .on('close', () => {
        open.delete(client);
        upstream.destroy();
      });
    upstream
      .on('error', () => client.destroy())
      .on('close', () => {
        open.delete(upstream);
        client.destroy();
      });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as net.AddressInfo).port,
        close: () => {
          for (const s of open) s.destroy();
          server.close();
        },
      }),
    ),
  );
}

describe.skipIf(!chromiumAvailable)('behind a TLS reverse proxy that keeps Host', () => {
  let dir: string;
  let sim: QmpSimulator;
  let bridge: BridgeProcess;
  let proxy: { port: number; close: () => void };
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const refused: string[] = [];
  const sockets: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'qmpscope-tls-'));
    sim = await startQmpSimulator({ listen: 'tcp:127.0.0.1:0', name: 'behind-tls', scenario: 'idle' });
    bridge = new BridgeProcess(['--token', TOKEN, '--vm', `tls=${sim.target}`]);
    await bridge.start();
    proxy = await tlsProxy(selfSignedCertificate(dir), bridge.port);
    browser = await launchChromium();
    context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
    page.on('response', (res) => {
      if (res.status() >= 400) refused.push(`${res.status()} ${res.url()}`);
    });
    page.on('websocket', (ws) => sockets.push(ws.url()));
  });

  afterAll(async () => {
    await browser?.close();
    proxy?.close();
    await bridge?.dispose();
    await sim?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('opens the token link over https and shows the dashboard with the VM connected', async () => {
    const origin = `https://127.0.0.1:${proxy.port}`;
    const res = await page.goto(`${origin}/?token=${TOKEN}`);
    expect(res?.status()).toBe(200);
    expect(page.url()).toBe(`${origin}/`);
    const vms = page.getByRole('region', { name: 'Virtual machines' });
    await vms.getByText('tls', { exact: true }).waitFor({ timeout: 15_000 });
    await expect.poll(() => vms.textContent(), { timeout: 15_000 }).toMatch(/connected/i);
  });

  it('receives live events over a wss:// socket.io connection to the same host', async () => {
    sim.emit('STOP');
    const grid = page.getByRole('grid', { name: 'Events' });
    await grid.getByRole('row', { name: /STOP/ }).first().waitFor({ timeout: 15_000 });
    expect(
      sockets.some((url) => url.startsWith(`wss://127.0.0.1:${proxy.port}/socket.io/`)),
      sockets.join(', '),
    ).toBe(true);
  });

  it('was refused nothing on the way', () => {
    expect(refused).toEqual([]);
  });
});
