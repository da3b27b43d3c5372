import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventStore } from './eventStore.js';

/** Schema 1 exactly as qmpscope wrote it before the upgrade. */
const V1 = `
CREATE TABLE events (seq INTEGER PRIMARY KEY, vm TEXT NOT NULL, event TEXT NOT NULL, data TEXT,
  ts_seconds INTEGER NOT NULL, ts_microseconds INTEGER NOT NULL, ts_us INTEGER NOT NULL, received_at REAL NOT NULL);
CREATE INDEX events_vm_seq ON events(vm, seq);
CREATE INDEX events_event_seq ON events(event, seq);
CREATE INDEX events_ts ON events(ts_us);
PRAGMA user_version = 1;
`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qmpscope-migrate-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writeV1(rows: [number, string, string, string | null, number, number, number][]): void {
  const db = new Database(join(dir, 'events.db'));
  db.exec(V1);
  const ins = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const [seq, vm, event, data, s, us, recv] of rows) ins.run(seq, vm, event, data, s, us, s * 1e6 + us, recv);
  })();
  db.close();
}

describe('schema 1 -> 2', () => {
  it('keeps every event as it was, with progress, and continues the seqs', () => {
    const rows: [number, string, string, string | null, number, number, number][] = [
      [1, 'a', 'STOP', null, 1_700_000_000, 5, 1_700_000_000_000.25],
      [2, 'b', 'RESUME', '{}', 1_700_000_001, 999_999, 1_700_000_001_000.5],
      [5, 'a', 'GUEST_PANICKED', '{"action":"pause","info":{"arg1":"18446744073709551615"}}', -1, -1, 1_700_000_002_000.125],
    ];
    for (let seq = 10; seq < 200_010; seq++)
      rows.push([seq, `vm${seq % 7}`, 'RTC_CHANGE', `{"offset":${seq}}`, 1_700_000_100 + seq, seq % 1_000_000, 1_700_000_100_000 + seq]);
    writeV1(rows);
    const progress: [number, number][] = [];
    const store = new EventStore(dir, { onMigrationProgress: (done, total) => progress.push([done, total]) });
    try {
      const got = store.query({}, 3);
      expect(got).toEqual([
        { seq: 1, vm: 'a', event: 'STOP', timestamp: { seconds: 1_700_000_000, microseconds: 5 }, receivedAt: 1_700_000_000_000.25 },
        {
          seq: 2,
          vm: 'b',
          event: 'RESUME',
          data: {},
          timestamp: { seconds: 1_700_000_001, microseconds: 999_999 },
          receivedAt: 1_700_000_001_000.5,
        },
        {
          seq: 5,
          vm: 'a',
          event: 'GUEST_PANICKED',
          data: { action: 'pause', info: { arg1: '18446744073709551615' } },
          timestamp: { seconds: -1, microseconds: -1 },
          receivedAt: 1_700_000_002_000.125,
        },
      ]);
      expect(store.count()).toBe(rows.length);
      expect(store.latest({ vms: ['vm3'] }, 1)[0]!.seq).toBe(200_007);
      expect(store.maxSeq()).toBe(200_009);
      expect(progress.at(-1)).toEqual([rows.length, rows.length]);
      expect(progress.length).toBeGreaterThan(2);
      store.insertBatch([{ seq: 200_010, vm: 'new', event: 'STOP', timestamp: { seconds: 1, microseconds: 0 }, receivedAt: 1 }]);
      expect(store.latest({ vms: ['new'] }, 5).map((e) => e.seq)).toEqual([200_010]);
    } finally {
      store.close();
    }
    const raw = new Database(join(dir, 'events.db'), { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(2);
    expect(raw.prepare("SELECT name FROM sqlite_master WHERE name = 'events_v1'").get()).toBeUndefined();
    raw.close();
  });

  it('upgrades an empty schema 1 database', () => {
    writeV1([]);
    const store = new EventStore(dir);
    expect(store.count()).toBe(0);
    expect(store.maxSeq()).toBe(0);
    store.close();
  });
});
