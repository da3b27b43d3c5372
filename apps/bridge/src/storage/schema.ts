import type Database from 'better-sqlite3';

/** Bumped when the table layout changes; stored in PRAGMA user_version. */
export const SCHEMA_VERSION = 1;

/**
 * One row per event. `seq` is assigned by the bridge (not AUTOINCREMENT) so it can be
 * handed to live clients before the write commits, and continues from MAX(seq) after a restart.
 * `data` is NULL when QEMU sent no `data` key, so absent and `{}` stay distinct.
 * `ts_us` is QEMU's timestamp in microseconds for range queries (-1/-1 gives -1000001, i.e. "unknown").
 */
const DDL = `
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY,
  vm TEXT NOT NULL,
  event TEXT NOT NULL,
  data TEXT,
  ts_seconds INTEGER NOT NULL,
  ts_microseconds INTEGER NOT NULL,
  ts_us INTEGER NOT NULL,
  received_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS events_vm_seq ON events(vm, seq);
CREATE INDEX IF NOT EXISTS events_event_seq ON events(event, seq);
CREATE INDEX IF NOT EXISTS events_ts ON events(ts_us);
`;

export function applySchema(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true });
  if (typeof version === 'number' && version > SCHEMA_VERSION) {
    throw new Error(
      `events.db was written by a newer qmpscope (schema ${version}, this one knows ${SCHEMA_VERSION}) — upgrade qmpscope or use another --data-dir`,
    );
  }
  db.exec(DDL);
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
}
