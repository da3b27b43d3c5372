import { randomBytes } from 'node:crypto';
import { UsageError } from '../cli/usageError.js';

/** Where the access token came from; null: no token (loopback only, nothing given). */
export type TokenSource = 'flag' | 'env' | 'generated' | null;

export interface AccessToken {
  token: string | null;
  source: TokenSource;
}

export const TOKEN_ENV = 'QMPSCOPE_TOKEN';

// URL- and cookie-safe without escaping, so the printed link works as copied.
const TOKEN_SYNTAX = /^[A-Za-z0-9._~-]{16,256}$/;

/** 127.0.0.0/8, ::1 and localhost: only processes on this machine can connect. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** 192 random bits, base64url: unguessable, and safe in a URL and a cookie. */
export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Decides the token: --token, else QMPSCOPE_TOKEN, else a generated one when listening beyond
 * loopback (anyone on the network could read the VMs' events otherwise), else none.
 */
export function resolveAccessToken(host: string, flagToken: string | undefined, envToken: string | undefined): AccessToken {
  if (flagToken !== undefined) return { token: checkToken('--token', flagToken), source: 'flag' };
  if (envToken !== undefined && envToken !== '') return { token: checkToken(TOKEN_ENV, envToken), source: 'env' };
  if (isLoopbackHost(host)) return { token: null, source: null };
  return { token: generateToken(), source: 'generated' };
}

function checkToken(from: string, token: string): string {
  if (!TOKEN_SYNTAX.test(token)) {
    throw new UsageError(`${from}: a token is 16-256 of A-Z a-z 0-9 . _ ~ - (try: openssl rand -hex 24)`);
  }
  return token;
}
