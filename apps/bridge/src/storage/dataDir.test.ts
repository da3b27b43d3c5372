import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareDataDir } from './dataDir.js';
import { EventStore } from './eventStore.js';

const modeOf = (path: string): string => (statSync(path).mode & 0o777).toString(8);

describe('prepareDataDir', () => {
  let root: string;
  let umask: number;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'qmpscope-datadir-'));
    // The usual umask, under which files are created world-readable unless made otherwise.
    umask = process.umask(0o022);
  });
  afterEach(() => {
    process.umask(umask);
    rmSync(root, { recursive: true, force: true });
  });

  it('creates the dir 0700 and the database, its -wal and -shm 0600, silently', () => {
    const dir = join(root, 'new', 'data');
    const warnings: string[] = [];
    prepareDataDir(dir, (l) => warnings.push(l));
    const store = new EventStore(dir);
    store.insertBatch([{ seq: 1, vm: 'a', event: 'STOP', timestamp: { seconds: 1, microseconds: 0 }, receivedAt: 1 }]);
    expect(modeOf(dir)).toBe('700');
    for (const file of ['events.db', 'events.db-wal', 'events.db-shm']) expect([file, modeOf(join(dir, file))]).toEqual([file, '600']);
    store.close();
    expect(warnings).toEqual([]);
  });

  it('says at start that an existing dir or database is open to other users, and how to close it', () => {
    const dir = join(root, 'old');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    new EventStore(dir).close();
    chmodSync(join(dir, 'events.db'), 0o644);
    const warnings: string[] = [];
    prepareDataDir(dir, (l) => warnings.push(l));
    expect(warnings).toEqual([
      expect.stringMatching(new RegExp(`data dir ${dir} is open to other local users \\(mode 755\\).*chmod 700 ${dir}$`)),
      expect.stringMatching(/events\.db is open to other local users \(mode 644\).*chmod 600 /),
    ]);
    expect(modeOf(dir)).toBe('755');
  });
});
