import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { UsageError } from '../cli/usageError.js';
import { whyUnreadable } from './unreadableFile.js';

/** Where the access token came from; null: no token (loopback only, nothing given). */
export type TokenSource = 'flag' | 'file' | 'env' | 'generated' | null;

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

/** Where a token may be given; --token shows it to every local user in /proc/PID/cmdline. */
export interface TokenInputs {
  flag?: string | undefined;
  /** Contents of the --token-file, read by readTokenFile. */
  file?: { path: string; token: string } | undefined;
  env?: string | undefined;
}

/**
 * Decides the token: --token or --token-file, else QMPSCOPE_TOKEN, else a generated one when
 * listening beyond loopback (anyone on the network could read the VMs' events otherwise), else none.
 */
export function resolveAccessToken(host: string, given: TokenInputs): AccessToken {
  const { flag: flagToken, file, env: envToken } = given;
  if (flagToken !== undefined) return { token: checkToken('--token', flagToken), source: 'flag' };
  if (file !== undefined) return { token: checkToken(`--token-file ${file.path}`, file.token), source: 'file' };
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

/** Longer than any valid token plus a newline: a bigger file is not a token file. */
const MAX_TOKEN_FILE_BYTES = 1024;

/**
 * The token in FILE: its first line, surrounding whitespace removed (editors add a newline).
 * `warn` is told when the file is readable by other users, who could then read the token.
 */
export function readTokenFile(path: string, warn: (line: string) => void): { path: string; token: string } {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw new UsageError(`--token-file ${path}: cannot read it (${whyUnreadable(err)})`);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new UsageError(`--token-file ${path}: not a regular file`);
    if (stats.size > MAX_TOKEN_FILE_BYTES)
      throw new UsageError(`--token-file ${path}: ${stats.size} bytes is too long for a token file (one line with the token)`);
    if ((stats.mode & 0o077) !== 0) {
      warn(`--token-file ${path} is readable by other local users (mode ${(stats.mode & 0o777).toString(8)}): run chmod 600 ${path}`);
    }
    const buf = Buffer.alloc(MAX_TOKEN_FILE_BYTES);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const token = (buf.subarray(0, n).toString('utf8').split('\n')[0] ?? '').trim();
    if (token === '') throw new UsageError(`--token-file ${path}: the file is empty; put the token on its first line`);
    return { path, token };
  } finally {
    closeSync(fd);
  }
}
