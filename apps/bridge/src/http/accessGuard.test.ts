import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decideAccess, tokenCookieName, tokensEqual, type GuardedRequest } from './accessGuard.js';

const TOKEN = 'abcdefghijklmnop0123';
const req = (url: string, headers: GuardedRequest['headers'] = {}, method = 'GET'): GuardedRequest => ({
  method, url, headers: { host: '10.0.0.5:8484', ...headers }, localPort: 8484,
});

describe('decideAccess with a token', () => {
  it('refuses API, socket.io and pages without the token (401)', () => {
    for (const url of ['/api/vms', '/api/events?limit=5', '/socket.io/?EIO=4&transport=polling', '/', '/healthz']) {
      expect(decideAccess(req(url), TOKEN), url).toMatchObject({ kind: 'deny', status: 401, error: expect.stringMatching(/access token required/) });
    }
  });

  it('accepts the Bearer header or the per-port cookie, and refuses a wrong one', () => {
    expect(decideAccess(req('/api/vms', { authorization: `Bearer ${TOKEN}` }), TOKEN)).toEqual({ kind: 'allow' });
    expect(decideAccess(req('/api/vms', { cookie: `a=b; ${tokenCookieName(8484)}=${TOKEN}` }), TOKEN)).toEqual({ kind: 'allow' });
    expect(decideAccess(req('/api/vms', { cookie: `${tokenCookieName(9999)}=${TOKEN}` }), TOKEN)).toMatchObject({ status: 401 });
    expect(decideAccess(req('/api/vms', { authorization: `Bearer ${TOKEN}x` }), TOKEN)).toMatchObject({ status: 401, error: expect.stringMatching(/wrong/) });
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
    expect(decideAccess(req('/api/vms', { origin: 'http://10.0.0.5:8484', authorization: `Bearer ${TOKEN}` }), TOKEN)).toEqual({ kind: 'allow' });
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
