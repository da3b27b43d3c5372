import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore } from '@qmpscope/bridge/dist/storage/eventStore.js';
import { STORE_BATCH_ROWS } from '@qmpscope/bridge/dist/ingest/ingestQueue.js';
import type { Figure } from './figure.js';
import { percentile } from './percentiles.js';
import { HISTORY_START_MICROS, HISTORY_STEP_MICROS, historyBatch, vmName } from './syntheticHistory.js';

/** Rows per transaction: what the bridge writes at once at a high rate (IngestQueue). */
const BATCH = STORE_BATCH_ROWS;
const QUERY_RUNS = 300;

/**
 * Fills `dir` with `rows` events of a 1,000-VM fleet through the bridge's EventStore; returns insert seconds.
 * Checkpoints in the commits: this loop never yields, so the bridge's background checkpointer
 * would never get the turn that lets the WAL start over. The insert rate measured here includes
 * every checkpoint's cost, which the bridge pays on another thread.
 */
export function fillStore(dir: string, rows: number, vms: number): number {
  const store = new EventStore(dir, { backgroundCheckpoints: false });
  let seconds = 0;
  try {
    for (let first = 1; first <= rows; first += BATCH) {
      const batch = historyBatch(first, Math.min(BATCH, rows - first + 1), vms);
      const t = performance.now();
      store.insertBatch(batch);
      seconds += (performance.now() - t) / 1000;
    }
  } finally {
    store.close();
  }
  return seconds;
}

/**
 * Case 4: EventStore inserts and the queries the dashboard and API make, at `rows` stored events.
 * Ceilings: the same rows into a bare table (primary key only); a primary-key lookup for queries;
 * the events as NDJSON for the file size.
 */
export function storageCase(rows: number, vms: number): Figure[] {
  const dir = mkdtempSync(join(tmpdir(), 'qmpscope-bench-store-'));
  try {
    const insertSeconds = fillStore(dir, rows, vms);
    const bare = bareInserts(dir, rows, vms);
    const dbBytes = statSync(join(dir, 'events.db')).size;
    const queries = timeQueries(dir, rows, vms);
    const perMillion = (bytes: number): number => ((bytes / rows) * 1_000_000) / 1e6;
    const at = `at ${rows.toLocaleString('en-US')} rows`;
    const q = (name: string, samples: number[]): Figure => ({
      case: '4 storage',
      name: `${name} p99 ${at}`,
      value: percentile(samples, 99),
      unit: 'ms',
      ceiling: { value: percentile(queries.pointLookup, 99) ?? 0, what: 'primary-key lookup p99' },
      target: { value: 5, higherIsBetter: false },
    });
    return [
      {
        case: '4 storage',
        name: `EventStore.insertBatch (${BATCH} rows/tx) to ${rows.toLocaleString('en-US')}`,
        value: rows / insertSeconds,
        unit: 'rows/s',
        ceiling: { value: rows / bare.seconds, what: 'bare table, no indexes' },
        target: { value: 150_000, higherIsBetter: true },
      },
      q('last 1,000 of a VM', queries.latestOfVm),
      q('chart range (1 VM, 1 event, half the history)', queries.chartRange),
      q('catch-up page (1,000 after a seq, the relay page)', queries.catchUp),
      {
        case: '4 storage',
        name: 'database size per million events',
        value: perMillion(dbBytes),
        unit: 'MB',
        ceiling: { value: perMillion(bare.ndjsonBytes), what: 'same events as NDJSON' },
        target: { value: 150, higherIsBetter: false },
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function bareInserts(dir: string, rows: number, vms: number): { seconds: number; ndjsonBytes: number } {
  const db = new Database(join(dir, 'bare.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE bare (seq INTEGER PRIMARY KEY, vm TEXT, event TEXT, data TEXT, s INTEGER, us INTEGER, t INTEGER, r REAL)');
  const ins = db.prepare('INSERT INTO bare VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const many = db.transaction((batch: ReturnType<typeof historyBatch>) => {
    for (const e of batch) {
      ins.run(
        e.seq,
        e.vm,
        e.event,
        JSON.stringify(e.data),
        e.timestamp.seconds,
        e.timestamp.microseconds,
        e.timestamp.seconds * 1e6 + e.timestamp.microseconds,
        e.receivedAt,
      );
    }
  });
  let seconds = 0;
  let ndjsonBytes = 0;
  for (let first = 1; first <= rows; first += BATCH) {
    const batch = historyBatch(first, Math.min(BATCH, rows - first + 1), vms);
    for (const e of batch) ndjsonBytes += Buffer.byteLength(JSON.stringify(e)) + 1;
    const t = performance.now();
    many(batch);
    seconds += (performance.now() - t) / 1000;
  }
  db.close();
  return { seconds, ndjsonBytes };
}

function timeQueries(dir: string, rows: number, vms: number) {
  const store = new EventStore(dir, { backgroundCheckpoints: false });
  const raw = new Database(join(dir, 'events.db'), { readonly: true });
  const point = raw.prepare('SELECT * FROM events WHERE seq = ?');
  const out = { latestOfVm: [] as number[], chartRange: [] as number[], catchUp: [] as number[], pointLookup: [] as number[] };
  const time = (samples: number[], run: () => unknown): void => {
    const t = performance.now();
    run();
    samples.push(performance.now() - t);
  };
  const span = rows * HISTORY_STEP_MICROS;
  let expectRows = 0;
  try {
    for (let i = 0; i < QUERY_RUNS; i++) {
      const vm = vmName((i * 7919) % vms);
      const fromUs = HISTORY_START_MICROS + Math.floor((((i * 104729) % 1000) / 2000) * span);
      time(out.latestOfVm, () => (expectRows += store.latest({ vms: [vm] }, 1000).length));
      time(out.chartRange, () => store.query({ vms: [vm], events: ['BALLOON_CHANGE'], fromUs, toUs: fromUs + span / 2 }, 10_000));
      time(out.catchUp, () => store.query({ afterSeq: (i * 15485863) % Math.max(1, rows - 1000) }, 1000));
      time(out.pointLookup, () => point.get(1 + ((i * 15485863) % rows)));
    }
  } finally {
    store.close();
    raw.close();
  }
  const perVm = Math.min(1000, Math.floor(rows / vms));
  if (expectRows < QUERY_RUNS * perVm)
    throw new Error(
      `storage case: "last 1,000 of a VM" returned ${expectRows} rows over ${QUERY_RUNS} runs, expected at least ${QUERY_RUNS * perVm}`,
    );
  return out;
}
