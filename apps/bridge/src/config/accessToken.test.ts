import { describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isLoopbackHost, readTokenFile, resolveAccessToken } from './accessToken.js';

describe('resolveAccessToken', () => {
  it('needs no token on loopback, generates one elsewhere, prefers --token over the env', () => {
    expect(resolveAccessToken('127.0.0.1', {})).toEqual({ token: null, source: null });
    const a = resolveAccessToken('0.0.0.0', {});
    const b = resolveAccessToken('0.0.0.0', {});
    expect(a.source).toBe('generated');
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(a.token).not.toBe(b.token);
    expect(resolveAccessToken('::', { env: 'env-token-0123456789' })).toEqual({ token: 'env-token-0123456789', source: 'env' });
    expect(resolveAccessToken('::', { flag: 'flag-token-0123456789', env: 'env-token-0123456789' })).toEqual({
      token: 'flag-token-0123456789',
      source: 'flag',
    });
    expect(resolveAccessToken('localhost', { flag: 'flag-token-0123456789' }).token).toBe('flag-token-0123456789');
  });

  it('refuses short or URL-unsafe tokens with a usable message', () => {
    expect(() => resolveAccessToken('0.0.0.0', { flag: 'short' })).toThrow(/--token: a token is 16-256/);
    expect(() => resolveAccessToken('0.0.0.0', { env: 'has space in it 0123' })).toThrow(/QMPSCOPE_TOKEN/);
  });

  it('reads --token-file: first line trimmed, warns when others can read it, refuses what is not a token file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qmpscope-token-'));
    try {
      const path = join(dir, 'token');
      writeFileSync(path, '  file-token-0123456789\nsecond line\n', { mode: 0o600 });
      chmodSync(path, 0o600);
      const warnings: string[] = [];
      const file = readTokenFile(path, (l) => warnings.push(l));
      expect(resolveAccessToken('0.0.0.0', { file, env: 'env-token-0123456789' })).toEqual({
        token: 'file-token-0123456789',
        source: 'file',
      });
      expect(warnings).toEqual([]);
      chmodSync(path, 0o644);
      readTokenFile(path, (l) => warnings.push(l));
      expect(warnings).toEqual([expect.stringMatching(/readable by other local users \(mode 644\): run chmod 600 /)]);
      expect(() => readTokenFile(join(dir, 'missing'), () => {})).toThrow(/--token-file .*missing: cannot read it \(no such file\)/);
      expect(() => readTokenFile(dir, () => {})).toThrow(/cannot read it|not a regular file/);
      writeFileSync(join(dir, 'empty'), '\n');
      expect(() => readTokenFile(join(dir, 'empty'), () => {})).toThrow(/the file is empty/);
      writeFileSync(join(dir, 'big'), 'x'.repeat(5000));
      expect(() => readTokenFile(join(dir, 'big'), () => {})).toThrow(/too long for a token file/);
      writeFileSync(join(dir, 'bad'), 'short\n');
      expect(() => resolveAccessToken('0.0.0.0', { file: readTokenFile(join(dir, 'bad'), () => {}) })).toThrow(
        /--token-file .*bad: a token is 16-256/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('knows loopback addresses', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost']) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '10.0.0.5', 'example.com', '128.0.0.1']) expect(isLoopbackHost(h), h).toBe(false);
  });
});
