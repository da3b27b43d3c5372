import type Database from 'better-sqlite3';
import { DDL_V2, INDEXES_V2, SCHEMA_VERSION } from './ddl.js';
import { migrateV1, type MigrationProgress } from './migrateV1.js';

export type { MigrationProgress };

export function applySchema(db: Database.Database, onProgress?: MigrationProgress): void {
  const version = db.pragma('user_version', { simple: true });
  if (typeof version === 'number' && version > SCHEMA_VERSION) {
    throw new Error(
      `events.db was written by a newer qmpscope (schema ${version}, this one knows ${SCHEMA_VERSION}) — upgrade qmpscope or use another --data-dir`,
    );
  }
  if (version === 1) {
    migrateV1(db, onProgress);
    return;
  }
  db.exec(DDL_V2 + INDEXES_V2);
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
}
