import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decideAccess, tokenCookieName, tokensEqual, type GuardedRequest } from './accessPolicy.js';

const TOKEN = 'abcdefghijklmnop0123';
const req = (url: string, headers: GuardedRequest['headers'] = {}, method = 'GET'): GuardedRequest => ({
  method,
  url,
  headers: { host: '10.0.0.5:8484', ...headers },
  localPort: 8484,
});

describe('decideAccess with a token', () => {
  it('refuses API, socket.io and pages without the token (401)', () => {
    for (const url of ['/api/vms', '/api/events?limit=5', '/socket.io/?EIO=4&transport=polling', '/', '/healthz']) {
      expect(decideAccess(req(url), TOKEN), url).toMatchObject({
        kind: 'deny',
        status: 401,
        error: expect.stringMatching(/access token required/),
      });
    }
  });

  it('accepts the Bearer header or the per-port cookie, and refuses a wrong one', () => {
    expect(decideAccess(req('/api/vms', { authorization: `Bearer ${TOKEN}` }), TOKEN)).toEqual({ kind: 'allow' });
    expect(decideAccess(req('/api/vms', { cookie: `a=b; ${tokenCookieName(8484)}=${TOKEN}` }), TOKEN)).toEqual({ kind: 'allow' });
    expect(decideAccess(req('/api/vms', { cookie: `${tokenCookieName(9999)}=${TOKEN}` }), TOKEN)).toMatchObject({ status: 401 });
    expect(decideAccess(req('/api/vms', { authorization: `Bearer ${TOKEN}x` }), TOKEN)).toMatchObject({
      status: 401,
      error: expect.stringMatching(/wrong/),
    });
  });

  it('trades ?token= on a page URL for an HttpOnly SameSite=Strict cookie and a redirect without it', () => {
    const d = decideAccess(req(`/?vm=a&token=${TOKEN}&event=STOP`), TOKEN);
    expect(d).toEqual({
      kind: 'redirect',
      location: '/?vm=a&event=STOP',
      setCookie: `${tokenCookieName(8484)}=${TOKEN}; HttpOnly; SameSite=Strict; Path=/`,
    });
    expect(decideAccess(req(`/?token=nope`), TOKEN)).toMatchObject({ kind: 'deny', status: 401 });
    // Not on API URLs: a token in an API URL ends up in logs; use the header there.
    expect(decideAccess(req(`/api/vms?token=${TOKEN}`), TOKEN)).toMatchObject({ kind: 'deny', status: 401 });
  });

  it('refuses cross-origin requests even with the token (403)', () => {
    const d = decideAccess(req('/socket.io/?EIO=4', { origin: 'http://evil.example', authorization: `Bearer ${TOKEN}` }), TOKEN);
    expect(d).toMatchObject({ kind: 'deny', status: 403, error: expect.stringMatching(/cross-origin/) });
    expect(decideAccess(req('/api/vms', { origin: 'http://10.0.0.5:8484', authorization: `Bearer ${TOKEN}` }), TOKEN)).toEqual({
      kind: 'allow',
    });
  });

  it("accepts the page's own origin over https too: a TLS reverse proxy that keeps Host", () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    for (const url of ['/assets/index-abc.js', '/socket.io/?EIO=4&transport=polling', '/api/vms']) {
      expect(decideAccess(req(url, { ...auth, host: 'dash.example', origin: 'https://dash.example' }), TOKEN), url).toEqual({
        kind: 'allow',
      });
    }
    expect(decideAccess(req('/api/vms', { ...auth, host: 'dash.example:8443', origin: 'https://dash.example:8443' }), TOKEN)).toEqual({
      kind: 'allow',
    });
    for (const origin of [
      'https://evil.example',
      'https://dash.example:8443',
      'wss://dash.example',
      'https://dash.example.evil.example',
      'null',
    ]) {
      expect(decideAccess(req('/api/vms', { ...auth, host: 'dash.example', origin }), TOKEN), origin).toMatchObject({
        kind: 'deny',
        status: 403,
      });
    }
    expect(decideAccess(req('/api/vms', { ...auth, host: '', origin: 'https://' }), TOKEN)).toMatchObject({ kind: 'deny', status: 403 });
  });

  it("redirects the token link to the same origin's / with the query, whatever the path (never //host)", () => {
    const location = (url: string) => {
      const d = decideAccess(req(url), TOKEN);
      return d.kind === 'redirect' ? d.location : `not a redirect: ${JSON.stringify(d)}`;
    };
    expect(location(`/.//evil.example/?token=${TOKEN}`)).toBe('/');
    expect(location(`//evil.example/?vm=a&token=${TOKEN}`)).toBe('/?vm=a');
    expect(location(`/\\evil.example/?token=${TOKEN}&sel=3`)).toBe('/?sel=3');
    expect(location(`/vm/a/../..//evil.example?token=${TOKEN}`)).toBe('/');
    fc.assert(
      fc.property(fc.string(), fc.string(), (path, query) => {
        const url = `/${path.replace(/[?#]/g, '')}?${new URLSearchParams({ q: query, token: TOKEN }).toString()}`;
        const d = decideAccess(req(url), TOKEN);
        if (d.kind !== 'redirect') return true;
        const target = new URL(d.location, 'http://10.0.0.5:8484/some/page');
        return (
          target.origin === 'http://10.0.0.5:8484' &&
          target.pathname === '/' &&
          target.searchParams.get('q') === query &&
          !target.searchParams.has('token')
        );
      }),
      { numRuns: 2000 },
    );
  });
});

describe('cross-site subresources (fetch metadata)', () => {
  const IMAGE = { 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' };
  const PATHS = [
    '/api/events?vm=guess',
    '/api/vms',
    '/healthz',
    '/metrics',
    '/socket.io/?EIO=4&transport=polling',
    '/',
    '/assets/index.js',
  ];

  it('refuses images, prefetches, frames and no-cors fetches from other sites, in both modes, whatever the path', () => {
    const kinds = [
      IMAGE,
      { 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'empty' },
      { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'iframe' },
      { 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'script' },
    ];
    for (const site of ['cross-site', 'same-site']) {
      for (const kind of kinds) {
        for (const url of PATHS) {
          const headers = { 'sec-fetch-site': site, ...kind };
          expect(
            decideAccess(req(url, { ...headers, host: '127.0.0.1:8484' }), null),
            `${site} ${kind['sec-fetch-dest']} ${url}`,
          ).toMatchObject({ kind: 'deny', status: 403, error: expect.stringMatching(/cross-site request refused/) });
          expect(decideAccess(req(url, { ...headers, authorization: `Bearer ${TOKEN}` }), TOKEN), url).toMatchObject({
            kind: 'deny',
            status: 403,
          });
        }
      }
    }
  });

  it('lets top-level navigations from other sites through, and same-origin or user-typed requests', () => {
    const nav = { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' };
    expect(decideAccess(req('/?vm=a', { ...nav, host: '127.0.0.1:8484' }), null)).toEqual({ kind: 'allow' });
    expect(decideAccess(req('/api/events?vm=a', { ...nav, host: '127.0.0.1:8484' }), null)).toEqual({ kind: 'allow' });
    expect(decideAccess(req('/?vm=a', nav), TOKEN)).toMatchObject({ kind: 'deny', status: 401 });
    for (const site of ['same-origin', 'none', undefined]) {
      const headers = { ...IMAGE, ...(site === undefined ? {} : { 'sec-fetch-site': site }), host: '127.0.0.1:8484' };
      expect(decideAccess(req('/api/events?vm=guess', headers), null), String(site)).toEqual({ kind: 'allow' });
    }
  });
});

describe('decideAccess without a token (loopback)', () => {
  it('allows loopback Host names and refuses others (DNS rebinding)', () => {
    for (const host of ['127.0.0.1:8484', 'localhost:8484', '[::1]:8484', 'LOCALHOST']) {
      expect(decideAccess(req('/api/vms', { host }), null), host).toEqual({ kind: 'allow' });
    }
    expect(decideAccess(req('/api/vms', { host: 'evil.example:8484' }), null)).toMatchObject({ status: 403 });
    expect(decideAccess(req('/api/vms', { host: '127.0.0.1:8484', origin: 'http://evil.example' }), null)).toMatchObject({ status: 403 });
    expect(decideAccess(req('/api/vms', { host: '127.0.0.1:8484', origin: 'null' }), null)).toMatchObject({ status: 403 });
  });
});

describe('tokensEqual', () => {
  it('is string equality', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => tokensEqual(a, b) === (a === b)));
    fc.assert(fc.property(fc.string(), (a) => tokensEqual(a, a)));
  });
});
