import { mkdtempSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredEvent } from '@qmpscope/events';
import { EventStore } from './eventStore.js';
import { WalCheckpointer, type CheckpointPass } from './walCheckpointer.js';

const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 2));
const waitUntil = async <T>(what: string, get: () => T | undefined, ms = 10_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await turn();
  }
};
const walBytes = (dir: string): number => {
  try {
    return statSync(join(dir, 'events.db-wal')).size;
  } catch {
    return 0;
  }
};
const batch = (first: number, n: number): StoredEvent[] =>
  Array.from({ length: n }, (_, i) => ({
    seq: first + i,
    vm: `vm${(first + i) % 200}`,
    event: 'RTC_CHANGE',
    data: { offset: i, 'qom-path': '/machine/unattached/device[0]' },
    timestamp: { seconds: 1_700_000_000 + first + i, microseconds: 0 },
    receivedAt: 1_700_000_000_000 + first + i,
  }));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qmpscope-ckpt-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('WalCheckpointer', () => {
  it('copies the WAL into the database from its worker while the writer keeps its connection', async () => {
    const db = new Database(join(dir, 'events.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE t (x TEXT)');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    for (let i = 0; i < 200; i++) insert.run('x'.repeat(2000));
    const passes: CheckpointPass[] = [];
    const errors: string[] = [];
    const c = new WalCheckpointer(
      join(dir, 'events.db'),
      (p) => passes.push(p),
      (e) => errors.push(e),
      20,
    );
    try {
      const done = await waitUntil('a pass that copied the writes', () => passes.find((p) => p.log > 50 && p.checkpointed === p.log));
      expect(done.log).toBeGreaterThan(50);
      expect(errors).toEqual([]);
    } finally {
      c.stop();
      db.close();
    }
  });

  it('reports a database it cannot open as an error', async () => {
    const errors: string[] = [];
    const c = new WalCheckpointer(
      join(dir, 'missing.db'),
      () => undefined,
      (e) => errors.push(e),
      20,
    );
    try {
      const first = await waitUntil('an error', () => errors[0]);
      expect(first).toMatch(/unable to open|does not exist|directory/i);
    } finally {
      c.stop();
    }
  });
});

describe('EventStore with background checkpoints', () => {
  it('keeps the WAL bounded under steady writes, and loses no row', async () => {
    // A tiny restart threshold (frames) so the test writes far past it in a second or two.
    const store = new EventStore(dir, { walRestartFrames: 64 });
    let maxWal = 0;
    let seq = 1;
    try {
      for (let i = 0; i < 300; i++) {
        store.insertBatch(batch(seq, 50));
        seq += 50;
        maxWal = Math.max(maxWal, walBytes(dir));
        await turn();
      }
      expect(store.count()).toBe(seq - 1);
    } finally {
      store.close();
    }
    // 300 commits of 50 rows over 200 VMs write thousands of WAL pages; started over past 64
    // frames once caught up, the WAL peaks near 3.4 MB here; without the restart it grew to 19 MB.
    expect(maxWal).toBeGreaterThan(0);
    expect(maxWal).toBeLessThan(8 * 1024 * 1024);
    const reopened = new EventStore(dir, { backgroundCheckpoints: false });
    try {
      expect(reopened.count()).toBe(seq - 1);
    } finally {
      reopened.close();
    }
  });

  it('goes back to checkpoints in the commits when the worker fails, and keeps storing', async () => {
    const store = new EventStore(dir);
    try {
      expect(store.checkpointsInBackground).toBe(true);
      store.insertBatch(batch(1, 10));
      // The worker opens the file by name on each pass; without it there, the pass fails.
      unlinkSync(join(dir, 'events.db'));
      await waitUntil('the fallback', () => (store.checkpointsInBackground ? undefined : true));
      store.insertBatch(batch(11, 10));
      expect(store.count()).toBe(20);
    } finally {
      store.close();
    }
    const inCommits = new EventStore(dir, { backgroundCheckpoints: false });
    expect(inCommits.checkpointsInBackground).toBe(false);
    inCommits.close();
  });
});
