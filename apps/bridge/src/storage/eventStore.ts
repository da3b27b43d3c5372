import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { StoredEvent } from '@qmpscope/events';
import { applySchema } from './schema.js';
import { EVENT_COLUMNS, rowToEvent, timestampMicros, type EventRow } from './eventRow.js';
import { filterToSql, type EventFilter } from './eventFilter.js';

export interface VmTotals {
  vm: string;
  eventCount: number;
  lastEvent: { seq: number; event: string; timestamp: { seconds: number; microseconds: number } } | null;
}

export interface DeletedRange {
  /** Every event with seq <= this was deleted. */
  uptoSeq: number;
  deleted: number;
  perVm: Map<string, number>;
}

/**
 * The SQLite event log (better-sqlite3, WAL). Synchronous by design: a batch insert is one
 * transaction, and a reader never sees a half-written batch.
 */
export class EventStore {
  readonly path: string;
  private readonly db: Database.Database;
  private readonly insertRow: Database.Statement;
  private readonly insertMany: (events: readonly StoredEvent[]) => void;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(dataDir: string) {
    this.path = join(dataDir, 'events.db');
    this.db = new Database(this.path);
    this.db.pragma('journal_mode = WAL');
    // WAL + NORMAL: a crash of the machine may lose the last transactions, never corrupt the file.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 2000');
    applySchema(this.db);
    this.insertRow = this.db.prepare(
      'INSERT INTO events (seq, vm, event, data, ts_seconds, ts_microseconds, ts_us, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertMany = this.db.transaction((events: readonly StoredEvent[]) => {
      for (const ev of events) {
        this.insertRow.run(
          ev.seq,
          ev.vm,
          ev.event,
          ev.data === undefined ? null : JSON.stringify(ev.data),
          ev.timestamp.seconds,
          ev.timestamp.microseconds,
          timestampMicros(ev.timestamp),
          ev.receivedAt,
        );
      }
    });
  }

  /** Inserts a batch in one transaction; throws (and writes nothing) if the disk refuses. */
  insertBatch(events: readonly StoredEvent[]): void {
    if (events.length > 0) this.insertMany(events);
  }

  maxSeq(): number {
    const row = this.cached('SELECT MAX(seq) AS m FROM events').get() as { m: number | null };
    return row.m ?? 0;
  }

  count(): number {
    return (this.cached('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
  }

  /** Count and newest event per VM, in one pass, to seed the in-memory counters at start. */
  totalsByVm(): VmTotals[] {
    const rows = this.cached(
      `SELECT e.vm AS vm, t.n AS n, e.seq AS seq, e.event AS event, e.ts_seconds AS s, e.ts_microseconds AS us
       FROM (SELECT vm, COUNT(*) AS n, MAX(seq) AS last FROM events GROUP BY vm) AS t
       JOIN events AS e ON e.seq = t.last`,
    ).all() as { vm: string; n: number; seq: number; event: string; s: number; us: number }[];
    return rows.map((r) => ({
      vm: r.vm,
      eventCount: r.n,
      lastEvent: { seq: r.seq, event: r.event, timestamp: { seconds: r.s, microseconds: r.us } },
    }));
  }

  /** Events matching the filter, ascending by seq, at most `limit`. */
  query(filter: EventFilter, limit: number): StoredEvent[] {
    const { where, params } = filterToSql(filter);
    const stmt = this.cached(`SELECT ${EVENT_COLUMNS} FROM events ${where} ORDER BY seq LIMIT ?`);
    return (stmt.all(...params, limit) as EventRow[]).map(rowToEvent);
  }

  /** The newest `limit` events matching the filter (e.g. "the last 1,000 of vm1"), ascending by seq. */
  latest(filter: EventFilter, limit: number): StoredEvent[] {
    const { where, params } = filterToSql(filter);
    const stmt = this.cached(`SELECT ${EVENT_COLUMNS} FROM events ${where} ORDER BY seq DESC LIMIT ?`);
    return (stmt.all(...params, limit) as EventRow[]).reverse().map(rowToEvent);
  }

  /** Oldest event's seq and receipt time, or null when empty. */
  oldest(): { seq: number; receivedAt: number } | null {
    const row = this.cached('SELECT seq, received_at FROM events ORDER BY seq LIMIT 1').get() as
      | { seq: number; received_at: number }
      | undefined;
    return row ? { seq: row.seq, receivedAt: row.received_at } : null;
  }

  /**
   * Deletes at most `chunk` of the oldest events: those beyond `keepNewest`, or received before
   * `olderThanMs`. Returns what went, or null when nothing had to. Bounded so it never blocks long.
   */
  deleteOldest(opts: { total: number; keepNewest: number; olderThanMs: number; chunk: number }): DeletedRange | null {
    // `total` comes from the in-memory counters: COUNT(*) over millions of rows is not free.
    const excess = Math.min(Math.max(0, opts.total - opts.keepNewest), opts.chunk);
    let upto = 0;
    if (excess > 0) {
      const row = this.cached('SELECT seq FROM events ORDER BY seq LIMIT 1 OFFSET ?').get(excess - 1) as { seq: number };
      upto = row.seq;
    }
    // Seqs are assigned in receipt order, so the old ones are the first rows: read at most `chunk`.
    const aged = this.cached(
      'SELECT MAX(seq) AS m FROM (SELECT seq, received_at FROM events ORDER BY seq LIMIT ?) WHERE received_at < ?',
    ).get(opts.chunk, opts.olderThanMs) as { m: number | null };
    upto = Math.max(upto, aged.m ?? 0);
    if (upto === 0) return null;
    const run = this.db.transaction((limit: number): DeletedRange => {
      const perVm = new Map<string, number>();
      const rows = this.cached('SELECT vm, COUNT(*) AS n FROM events WHERE seq <= ? GROUP BY vm').all(limit) as {
        vm: string;
        n: number;
      }[];
      let deleted = 0;
      for (const r of rows) {
        perVm.set(r.vm, r.n);
        deleted += r.n;
      }
      this.cached('DELETE FROM events WHERE seq <= ?').run(limit);
      return { uptoSeq: limit, deleted, perVm };
    });
    return run(upto);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private cached(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      // Filters with many VM names make many SQL shapes; keep the cache bounded.
      if (this.statements.size >= 256) this.statements.clear();
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }
}
