import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** What one background checkpoint reported: WAL frames, and how many of them are in the database file. */
export interface CheckpointPass {
  log: number;
  checkpointed: number;
}

/**
 * The worker's code, CommonJS evaluated in place: the same text runs from the TypeScript sources
 * (tests) and from dist, with the SQLite driver resolved by the bridge and handed over.
 * A fresh connection per pass: no connection is left open when the worker is stopped mid-wait.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let timer = null;
const pass = () => {
  timer = null;
  let db = null;
  try {
    db = new Database(workerData.path, { fileMustExist: true });
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ log: r.log, checkpointed: r.checkpointed });
  } catch (err) {
    parentPort.postMessage({ error: String((err && err.message) || err) });
  } finally {
    try { if (db) db.close(); } catch {}
  }
  timer = setTimeout(pass, workerData.intervalMs);
};
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  if (timer) clearTimeout(timer);
  parentPort.close();
});
pass();
`;

const driverPath = (): string => createRequire(import.meta.url).resolve('better-sqlite3');

/**
 * Copies the WAL into the database file from a worker thread. SQLite's automatic checkpoint runs
 * inside the commit that crosses its threshold, on the bridge's only thread: a periodic stall
 * (copy and fsync of thousands of pages) that every event arriving meanwhile waits for. A PASSIVE
 * checkpoint from another connection copies while the bridge keeps writing.
 */
export class WalCheckpointer {
  private readonly worker: Worker;
  private stopped = false;

  constructor(dbPath: string, onPass: (pass: CheckpointPass) => void, onError: (message: string) => void, intervalMs = 100) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver: driverPath(), path: dbPath, intervalMs } });
    // Never what keeps the bridge (or a test run) alive.
    this.worker.unref();
    this.worker.on('message', (m: unknown) => {
      if (this.stopped || typeof m !== 'object' || m === null) return;
      const msg = m as Partial<CheckpointPass> & { error?: unknown };
      if (typeof msg.error === 'string') onError(msg.error);
      else if (typeof msg.log === 'number' && typeof msg.checkpointed === 'number')
        onPass({ log: msg.log, checkpointed: msg.checkpointed });
    });
    this.worker.on('error', (err) => {
      if (!this.stopped) onError(`the checkpoint worker failed: ${err.message}`);
    });
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.worker.postMessage('stop');
  }
}
