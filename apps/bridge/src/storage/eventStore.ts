import Database from 'better-sqlite3';
import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import type { StoredEvent } from '@qmpscope/events';
import { applySchema, type MigrationProgress } from './schema.js';
import { EVENT_COLUMNS, rowToEvent, type EventRow } from './eventRow.js';
import { filterToSql, type EventFilter } from './eventFilter.js';
import { NameTable } from './nameTable.js';
import { decodeTimestamp, encodeTimestamp, receivedMicros } from './storedTimestamp.js';
import { WalCheckpointer, type CheckpointPass } from './walCheckpointer.js';

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

export interface EventStoreOptions {
  /**
   * Checkpoints from a worker thread (default), so commits never wait for one; false leaves them
   * to SQLite's automatic checkpoint inside the commits (one-off tools that open the file briefly).
   */
  backgroundCheckpoints?: boolean;
  /** WAL frames past which the WAL is started over (default WAL_RESTART_FRAMES; smaller in tests). */
  walRestartFrames?: number;
  /** Reported while an older database is upgraded to the current schema. */
  onMigrationProgress?: MigrationProgress;
}

/**
 * Pages of SQLite's own cache (negative = KiB). The (vm_id, seq) index takes one insert point per
 * VM per transaction; with 1,000 VMs those pages must stay cached or inserts fall to a third.
 */
const CACHE_KIB = 32 * 1024;
/**
 * WAL pages between automatic checkpoints (SQLite's default is 1,000), used when checkpoints are
 * not in the background (or the worker failed). Each checkpoint writes every page changed since
 * the last one back into the database; spacing them 10x further apart lets many transactions
 * share one write of the same index page, which sets the insert rate of large histories
 * (docs/PERFORMANCE.md). The WAL file is cut back to WAL_LIMIT_BYTES after.
 */
const WAL_AUTOCHECKPOINT_PAGES = 10_000;
/**
 * SQLite starts the WAL over only when a write begins with every frame already copied, which a
 * checkpoint running beside steady writes never leaves. Past this many frames, once the background
 * checkpoint has caught up, the bridge copies the few frames written since itself (a short,
 * bounded copy), and the next write starts the WAL over: it stays bounded.
 */
const WAL_RESTART_FRAMES = 8192;
const WAL_LIMIT_BYTES = 64 * 1024 * 1024;
/**
 * Reads through mmap instead of read() into SQLite's cache: "the last 1,000 of a VM" touches ~1,000
 * pages spread over the whole file, which a copy per page into the cache makes slower.
 * The mapped pages are the kernel's file cache, shown in the bridge's RSS but not its heap.
 */
const MMAP_BYTES = 256 * 1024 * 1024;

/**
 * The SQLite event log (better-sqlite3, WAL). Synchronous by design: a batch insert is one
 * transaction, and a reader never sees a half-written batch.
 */
export class EventStore {
  readonly path: string;
  private readonly db: Database.Database;
  private readonly vmNames: NameTable;
  private readonly eventNames: NameTable;
  private readonly insertRow: Database.Statement;
  private readonly insertMany: (events: readonly StoredEvent[]) => void;
  private readonly statements = new Map<string, Database.Statement>();
  private checkpointer: WalCheckpointer | null = null;
  private readonly ids = {
    vm: (name: string) => this.vmNames.idOf(name),
    event: (name: string) => this.eventNames.idOf(name),
  };

  constructor(dataDir: string, opts: EventStoreOptions = {}) {
    this.path = join(dataDir, 'events.db');
    this.db = new Database(this.path);
    this.db.pragma('journal_mode = WAL');
    // WAL + NORMAL: a crash of the machine may lose the last transactions, never corrupt the file.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 2000');
    this.db.pragma(`cache_size = ${-CACHE_KIB}`);
    const background = opts.backgroundCheckpoints !== false;
    this.db.pragma(`wal_autocheckpoint = ${background ? 0 : WAL_AUTOCHECKPOINT_PAGES}`);
    this.db.pragma(`journal_size_limit = ${WAL_LIMIT_BYTES}`);
    this.db.pragma(`mmap_size = ${MMAP_BYTES}`);
    applySchema(this.db, opts.onMigrationProgress);
    this.vmNames = new NameTable(this.db, 'vm_names');
    this.eventNames = new NameTable(this.db, 'event_names');
    this.insertRow = this.db.prepare(
      'INSERT INTO events (seq, vm_id, event_id, ts_us, received_us, data, ts_exact) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertMany = this.db.transaction((events: readonly StoredEvent[]) => {
      for (const ev of events) {
        const ts = encodeTimestamp(ev.timestamp);
        this.insertRow.run(
          ev.seq,
          this.vmNames.intern(ev.vm),
          this.eventNames.intern(ev.event),
          ts.tsUs,
          receivedMicros(ev.receivedAt),
          ev.data === undefined ? null : JSON.stringify(ev.data),
          ts.exact,
        );
      }
    });
    if (background) {
      const restartFrames = opts.walRestartFrames ?? WAL_RESTART_FRAMES;
      this.checkpointer = new WalCheckpointer(
        this.path,
        (pass) => this.restartWalAfter(pass, restartFrames),
        () => this.checkpointInCommits(),
      );
    }
  }

  /** Whether checkpoints run in the worker (false: inside the commits, by choice or after the worker failed). */
  get checkpointsInBackground(): boolean {
    return this.checkpointer !== null;
  }

  private restartWalAfter(pass: CheckpointPass, restartFrames: number): void {
    if (!this.db.open || pass.log < restartFrames || pass.checkpointed < pass.log) return;
    try {
      this.db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // The disk refuses writes: the next insert says so, and the next pass tries again.
    }
  }

  /** The worker failed (or a pass did): back to SQLite's checkpoints in the commits, whose WAL stays bounded. */
  private checkpointInCommits(): void {
    this.checkpointer?.stop();
    this.checkpointer = null;
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  }

  /** Inserts a batch in one transaction; throws (and writes nothing) if the disk refuses. */
  insertBatch(events: readonly StoredEvent[]): void {
    if (events.length === 0) return;
    try {
      this.insertMany(events);
    } catch (err) {
      // Names interned inside the rolled-back transaction were not stored.
      this.vmNames.reload();
      this.eventNames.reload();
      throw err;
    }
  }

  /**
   * Records that seqs up to `seq` may have reached clients before their rows are written, so a
   * restart after a crash continues above it instead of handing the same seqs to other events.
   */
  noteRelayed(seq: number): void {
    this.cached("INSERT INTO meta (key, value) VALUES ('relayed_seq', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(seq);
  }

  /**
   * Seqs relayed but never written (the bridge was killed within a write interval, or stopped while
   * the disk refused writes): what history will not have. Null when nothing is missing.
   */
  relayedNotWritten(): { from: number; to: number } | null {
    const row = this.cached(
      "SELECT (SELECT MAX(seq) FROM events) AS stored, (SELECT value FROM meta WHERE key = 'relayed_seq') AS relayed",
    ).get() as { stored: number | null; relayed: number | null };
    if (row.stored === null || row.relayed === null || row.relayed <= row.stored) return null;
    return { from: row.stored + 1, to: row.relayed };
  }

  /**
   * A random number made once per database: with a node name it tells apart the seqs of this file
   * from those of a deleted or replaced one, which start again at 1 (the fleet's publish key).
   */
  identity(): number {
    const row = this.cached("SELECT value FROM meta WHERE key = 'identity'").get() as { value: number } | undefined;
    if (row !== undefined) return row.value;
    const id = randomInt(1, 2 ** 47);
    this.cached("INSERT INTO meta (key, value) VALUES ('identity', ?)").run(id);
    return id;
  }

  /** A number kept in this database under `name` by its user (e.g. a fleet progress mark); null when never set. */
  mark(name: string): number | null {
    const row = this.cached('SELECT value FROM meta WHERE key = ?').get(`mark:${name}`) as { value: number } | undefined;
    return row?.value ?? null;
  }

  setMark(name: string, value: number): void {
    this.cached('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
      `mark:${name}`,
      value,
    );
  }

  /** The highest seq stored or handed out before (see noteRelayed); new seqs start above it. */
  maxSeq(): number {
    const row = this.cached(
      // Scalar MAX() is NULL if any argument is: both sides need their COALESCE.
      "SELECT MAX(COALESCE((SELECT MAX(seq) FROM events), 0), COALESCE((SELECT value FROM meta WHERE key = 'relayed_seq'), 0)) AS m",
    ).get() as { m: number | null };
    return row.m ?? 0;
  }

  count(): number {
    return (this.cached('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
  }

  /** Count and newest event per VM, in one pass, to seed the in-memory counters at start. */
  totalsByVm(): VmTotals[] {
    const rows = this.cached(
      `SELECT e.vm_id AS vm, t.n AS n, e.seq AS seq, e.event_id AS event, e.ts_us AS ts_us, e.ts_exact AS ts_exact
       FROM (SELECT vm_id, COUNT(*) AS n, MAX(seq) AS last FROM events GROUP BY vm_id) AS t
       JOIN events AS e ON e.seq = t.last`,
    ).all() as { vm: number; n: number; seq: number; event: number; ts_us: number; ts_exact: string | null }[];
    return rows.map((r) => ({
      vm: this.vmNames.nameOf(r.vm),
      eventCount: r.n,
      lastEvent: { seq: r.seq, event: this.eventNames.nameOf(r.event), timestamp: decodeTimestamp(r.ts_us, r.ts_exact) },
    }));
  }

  /** Events matching the filter, ascending by seq, at most `limit`. */
  query(filter: EventFilter, limit: number): StoredEvent[] {
    const sql = filterToSql(filter, this.ids);
    if (sql === null) return [];
    const stmt = this.cachedRows(`SELECT ${EVENT_COLUMNS} FROM events ${sql.where} ORDER BY seq LIMIT ?`);
    return (stmt.all(...sql.params, limit) as EventRow[]).map((r) => rowToEvent(r, this.vmNames, this.eventNames));
  }

  /** The newest `limit` events matching the filter (e.g. "the last 1,000 of vm1"), ascending by seq. */
  latest(filter: EventFilter, limit: number): StoredEvent[] {
    const sql = filterToSql(filter, this.ids);
    if (sql === null) return [];
    const stmt = this.cachedRows(`SELECT ${EVENT_COLUMNS} FROM events ${sql.where} ORDER BY seq DESC LIMIT ?`);
    return (stmt.all(...sql.params, limit) as EventRow[]).reverse().map((r) => rowToEvent(r, this.vmNames, this.eventNames));
  }

  /** Oldest event's seq and receipt time, or null when empty. */
  oldest(): { seq: number; receivedAt: number } | null {
    const row = this.cached('SELECT seq, received_us FROM events ORDER BY seq LIMIT 1').get() as
      { seq: number; received_us: number } | undefined;
    return row ? { seq: row.seq, receivedAt: row.received_us / 1000 } : null;
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
      'SELECT MAX(seq) AS m FROM (SELECT seq, received_us FROM events ORDER BY seq LIMIT ?) WHERE received_us < ?',
    ).get(opts.chunk, receivedMicros(opts.olderThanMs)) as { m: number | null };
    upto = Math.max(upto, aged.m ?? 0);
    if (upto === 0) return null;
    const run = this.db.transaction((limit: number): DeletedRange => {
      const perVm = new Map<string, number>();
      const rows = this.cached('SELECT vm_id, COUNT(*) AS n FROM events WHERE seq <= ? GROUP BY vm_id').all(limit) as {
        vm_id: number;
        n: number;
      }[];
      let deleted = 0;
      for (const r of rows) {
        perVm.set(this.vmNames.nameOf(r.vm_id), r.n);
        deleted += r.n;
      }
      this.cached('DELETE FROM events WHERE seq <= ?').run(limit);
      return { uptoSeq: limit, deleted, perVm };
    });
    return run(upto);
  }

  close(): void {
    this.checkpointer?.stop();
    this.checkpointer = null;
    if (this.db.open) this.db.close();
  }

  /** A statement returning EventRows (raw mode: arrays, see EventRow). */
  private cachedRows(sql: string): Database.Statement {
    return this.cached(sql, true);
  }

  private cached(sql: string, raw = false): Database.Statement {
    const key = raw ? `raw:${sql}` : sql;
    let stmt = this.statements.get(key);
    if (!stmt) {
      // Filters with many VM names make many SQL shapes; keep the cache bounded.
      if (this.statements.size >= 256) this.statements.clear();
      stmt = this.db.prepare(sql);
      if (raw) stmt.raw(true);
      this.statements.set(key, stmt);
    }
    return stmt;
  }
}
