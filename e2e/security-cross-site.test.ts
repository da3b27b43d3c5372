/**
 * Pages of other sites in a real chromium. On loopback (no token), another site's page must not
 * learn which VM names exist by loading bridge URLs as images or prefetches, yet a link from it to
 * the dashboard must still open. With a token, a link followed from another site arrives without
 * the SameSite=Strict cookie: the user gets a page that explains, and its link opens the dashboard.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startQmpSimulator, type QmpSimulator } from '@qmpscope/qmp-sim';
import { BridgeProcess } from './harness/bridgeProcess.js';
import { chromiumAvailable, CHROMIUM, launchChromium } from './harness/browser.js';

if (!chromiumAvailable) console.warn(`SKIPPED: browser e2e needs ${CHROMIUM} (apt install chromium); CI installs it.`);

/** Another site: `/` is an empty page, `/link?to=URL` a page with one link to URL. */
function otherSite(): Promise<{ port: number; close: () => void }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://other.invalid');
    const to = url.searchParams.get('to');
    const body = to === null ? '' : `<a href="${to.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)}">Open qmpscope</a>`;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>another site</title><body>${body}</body>`);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () => {
          server.closeAllConnections();
          server.close();
        },
      }),
    ),
  );
}

/** How an element of `tag` pointing at `src` ends in the page: the only signal a cross-site page gets. */
function probe(page: Page, tag: 'img' | 'script' | 'link', src: string): Promise<string> {
  return page.evaluate(
    ({ tag, src }) =>
      new Promise<string>((resolve) => {
        const el = document.createElement(tag);
        if (el instanceof HTMLLinkElement) {
          el.rel = 'prefetch';
          el.href = src;
        } else if (el instanceof HTMLImageElement || el instanceof HTMLScriptElement) {
          el.src = src;
        }
        el.onload = () => resolve('load');
        el.onerror = () => resolve('error');
        setTimeout(() => resolve('no answer within 5 s'), 5000);
        document.body.append(el);
      }),
    { tag, src },
  );
}

describe.skipIf(!chromiumAvailable)('pages of other sites', () => {
  let sim: QmpSimulator;
  let other: { port: number; close: () => void };
  let browser: Browser;

  beforeAll(async () => {
    sim = await startQmpSimulator({ listen: 'tcp:127.0.0.1:0', name: 'known', scenario: 'idle' });
    other = await otherSite();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    other?.close();
    await sim?.close();
  });

  describe('on loopback without a token', () => {
    let bridge: BridgeProcess;
    beforeAll(async () => {
      bridge = new BridgeProcess(['--vm', `known=${sim.target}`]);
      await bridge.start();
    });
    afterAll(async () => {
      await bridge?.dispose();
    });

    // localhost is another site than 127.0.0.1; 127.0.0.1 on another port is the same site, not the same origin.
    for (const siteHost of ['localhost', '127.0.0.1']) {
      it(`a page on ${siteHost}:OTHER cannot tell an existing VM name from a made-up one`, async () => {
        const page = await browser.newPage();
        try {
          await page.goto(`http://${siteHost}:${other.port}/`);
          for (const tag of ['img', 'link', 'script'] as const) {
            const known = await probe(page, tag, `${bridge.url}/api/events?vm=known&limit=1`);
            const unknown = await probe(page, tag, `${bridge.url}/api/events?vm=made-up&limit=1`);
            expect({ tag, unknown }).toEqual({ tag, unknown: known });
            expect(await probe(page, tag, `${bridge.url}/healthz`), `${tag} /healthz`).toBe('error');
          }
        } finally {
          await page.close();
        }
      });
    }

    it('a link from another site still opens the dashboard', async () => {
      const page = await browser.newPage();
      try {
        await page.goto(`http://localhost:${other.port}/link?to=${encodeURIComponent(`${bridge.url}/?vm=known`)}`);
        await page.getByRole('link', { name: 'Open qmpscope' }).click();
        const vms = page.getByRole('region', { name: 'Virtual machines' });
        await vms.getByText('known', { exact: true }).waitFor({ timeout: 15_000 });
      } finally {
        await page.close();
      }
    });
  });

  describe('with a token: a shared link followed from another site', () => {
    const TOKEN = 'cross-site-token-0123456789';
    let bridge: BridgeProcess;
    beforeAll(async () => {
      bridge = new BridgeProcess(['--token', TOKEN, '--vm', `known=${sim.target}`]);
      await bridge.start();
    });
    afterAll(async () => {
      await bridge?.dispose();
    });

    it('arrives without the Strict cookie, explains, and its link opens the dashboard', async () => {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        expect((await page.goto(`${bridge.url}/?token=${TOKEN}`))?.status()).toBe(200);
        expect((await context.cookies()).find((c) => c.value === TOKEN)).toMatchObject({ sameSite: 'Strict' });

        await page.goto(`http://localhost:${other.port}/link?to=${encodeURIComponent(`${bridge.url}/?vm=known`)}`);
        const arrival = page.waitForResponse((res) => res.url().startsWith(bridge.url));
        await page.getByRole('link', { name: 'Open qmpscope' }).click();
        expect((await arrival).status()).toBe(401);
        await page.getByRole('heading', { name: 'qmpscope needs its access token' }).waitFor();
        expect(page.url()).toBe(`${bridge.url}/?vm=known`);

        await page.getByRole('link', { name: 'Open the dashboard' }).click();
        const vms = page.getByRole('region', { name: 'Virtual machines' });
        await vms.getByText('known', { exact: true }).waitFor({ timeout: 15_000 });
        expect(page.url()).toBe(`${bridge.url}/?vm=known`);
      } finally {
        await context.close();
      }
    });
  });
});
