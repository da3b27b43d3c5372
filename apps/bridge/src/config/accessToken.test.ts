import { describe, expect, it } from 'vitest';
import { isLoopbackHost, resolveAccessToken } from './accessToken.js';

describe('resolveAccessToken', () => {
  it('needs no token on loopback, generates one elsewhere, prefers --token over the env', () => {
    expect(resolveAccessToken('127.0.0.1', undefined, undefined)).toEqual({ token: null, source: null });
    const a = resolveAccessToken('0.0.0.0', undefined, undefined);
    const b = resolveAccessToken('0.0.0.0', undefined, undefined);
    expect(a.source).toBe('generated');
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(a.token).not.toBe(b.token);
    expect(resolveAccessToken('::', undefined, 'env-token-0123456789')).toEqual({ token: 'env-token-0123456789', source: 'env' });
    expect(resolveAccessToken('::', 'flag-token-0123456789', 'env-token-0123456789')).toEqual({ token: 'flag-token-0123456789', source: 'flag' });
    expect(resolveAccessToken('localhost', 'flag-token-0123456789', undefined).token).toBe('flag-token-0123456789');
  });

  it('refuses short or URL-unsafe tokens with a usable message', () => {
    expect(() => resolveAccessToken('0.0.0.0', 'short', undefined)).toThrow(/--token: a token is 16-256/);
    expect(() => resolveAccessToken('0.0.0.0', undefined, 'has space in it 0123')).toThrow(/QMPSCOPE_TOKEN/);
  });

  it('knows loopback addresses', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost']) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '10.0.0.5', 'example.com', '128.0.0.1']) expect(isLoopbackHost(h), h).toBe(false);
  });
});
