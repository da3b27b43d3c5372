/** Bumped when the table layout changes; stored in PRAGMA user_version. */
export const SCHEMA_VERSION = 2;

/**
 * One row per event (~125 bytes per event with its indexes, measured by `npm run bench`).
 * `seq` is assigned by the bridge (not AUTOINCREMENT): it continues after a restart from the
 * larger of MAX(seq) and meta `relayed_seq`, so a seq a client may have seen is never reused.
 * VM and event names are ids into vm_names / event_names. `ts_us` is QEMU's timestamp in
 * microseconds; `ts_exact` holds the exact pair only when `ts_us` cannot give it back (-1/-1).
 * `data` is NULL when QEMU sent no `data` key, so absent and `{}` stay distinct.
 * An index on one column also holds the rowid, so `events_vm` is (vm_id, seq).
 */
export const DDL_V2 = `
CREATE TABLE IF NOT EXISTS vm_names (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS event_names (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY,
  vm_id INTEGER NOT NULL,
  event_id INTEGER NOT NULL,
  ts_us INTEGER NOT NULL,
  received_us INTEGER NOT NULL,
  data TEXT,
  ts_exact TEXT
);
`;

export const INDEXES_V2 = `
CREATE INDEX IF NOT EXISTS events_vm ON events(vm_id);
CREATE INDEX IF NOT EXISTS events_event ON events(event_id);
CREATE INDEX IF NOT EXISTS events_ts ON events(ts_us);
`;
