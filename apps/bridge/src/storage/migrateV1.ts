import type Database from 'better-sqlite3';
import { DDL_V2, INDEXES_V2, SCHEMA_VERSION } from './ddl.js';

/** Called while an older database is rewritten: rows copied so far, and in all. */
export type MigrationProgress = (done: number, total: number) => void;

/** Rows copied per statement, so progress can be reported during a long upgrade. */
const CHUNK = 50_000;

/**
 * Schema 1 (names as text in every row, the timestamp three times) -> 2, in one transaction:
 * a crash or a full disk half-way leaves schema 1 untouched. ~5 s per million events here.
 * The file does not shrink (SQLite reuses the freed pages for new events).
 */
export function migrateV1(db: Database.Database, onProgress?: MigrationProgress): void {
  const run = db.transaction(() => {
    db.exec('ALTER TABLE events RENAME TO events_v1');
    // The v1 indexes keep their names across the rename; drop them so v2 can use its own.
    db.exec('DROP INDEX IF EXISTS events_vm_seq; DROP INDEX IF EXISTS events_event_seq; DROP INDEX IF EXISTS events_ts;');
    db.exec(DDL_V2);
    db.exec('INSERT INTO vm_names (name) SELECT DISTINCT vm FROM events_v1 ORDER BY vm');
    db.exec('INSERT INTO event_names (name) SELECT DISTINCT event FROM events_v1 ORDER BY event');
    const {
      n: total,
      lo,
      hi,
    } = db.prepare('SELECT COUNT(*) AS n, MIN(seq) AS lo, MAX(seq) AS hi FROM events_v1').get() as {
      n: number;
      lo: number | null;
      hi: number | null;
    };
    const copy = db.prepare(`
      INSERT INTO events (seq, vm_id, event_id, ts_us, received_us, data, ts_exact)
      SELECT e.seq, v.id, n.id, e.ts_us, CAST(round(e.received_at * 1000) AS INTEGER), e.data,
        CASE WHEN typeof(e.ts_seconds) = 'integer' AND typeof(e.ts_microseconds) = 'integer'
                  AND e.ts_microseconds BETWEEN 0 AND 999999
             THEN NULL ELSE json_array(e.ts_seconds, e.ts_microseconds) END
      FROM events_v1 AS e CROSS JOIN vm_names AS v CROSS JOIN event_names AS n
      WHERE v.name = e.vm AND n.name = e.event AND e.seq >= ? AND e.seq < ?`);
    let done = 0;
    onProgress?.(0, total);
    if (lo !== null && hi !== null) {
      // Seqs may have holes (retention), so chunks are seq ranges sized by the average density.
      const span = Math.max(1, Math.ceil(((hi - lo + 1) / Math.max(1, total)) * CHUNK));
      for (let from = lo; from <= hi; from += span) {
        done += copy.run(from, from + span).changes;
        onProgress?.(done, total);
      }
    }
    db.exec('DROP TABLE events_v1');
    db.exec(INDEXES_V2);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  });
  run();
}
