import { accessSync, closeSync, constants, mkdirSync, openSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../cli/usageError.js';

/**
 * The data dir holds every stored event, readable without the token by whoever can read the files:
 * it is created 0700 and the database 0600 (SQLite gives its -wal and -shm files the database's
 * mode). An existing dir or database more open than that is used as it is, with a warning, since
 * changing the modes of a user's own files behind their back would surprise more than it protects.
 */
export function prepareDataDir(dir: string, warn: (line: string) => void): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    accessSync(dir, constants.W_OK);
    const dbPath = join(dir, 'events.db');
    // 'wx' creates it only when missing, so an existing database keeps its contents and mode.
    try {
      closeSync(openSync(dbPath, 'wx', 0o600));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    warnIfOpen(dir, 'data dir', '700', warn);
    for (const file of ['events.db', 'events.db-wal', 'events.db-shm']) warnIfOpen(join(dir, file), 'event database file', '600', warn);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'permission denied'
        : code === 'ENOTDIR' || code === 'EEXIST'
          ? 'not a directory'
          : (err as Error).message;
    throw new UsageError(`data dir ${dir} is not writable (${why}): choose another with --data-dir`);
  }
}

/** Group or other bits set on an existing path: says who else can read it and how to close it. */
function warnIfOpen(path: string, what: string, wanted: string, warn: (line: string) => void): void {
  let mode: number;
  try {
    mode = statSync(path).mode & 0o777;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  if ((mode & 0o077) === 0) return;
  warn(
    `${what} ${path} is open to other local users (mode ${mode.toString(8).padStart(3, '0')}): they can read every stored event without the token; run chmod ${wanted} ${path}`,
  );
}
