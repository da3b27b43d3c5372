import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StartReason } from '@qmpscope/events';
import { UsageError } from '../cli/usageError.js';

/** The file that says a bridge runs on this data dir; a clean shutdown removes it. */
export const RUN_MARKER_FILE = 'qmpscope.running';

export interface PreviousRun {
  reason: StartReason;
  /** For an unclean end: when that run started and its pid, if the marker could be read. */
  startedAt: number | null;
  pid: number | null;
}

/**
 * How the run before this one ended, read before the data dir is prepared: no database yet is a
 * first start; a marker left behind means that run never reached its clean shutdown (killed,
 * crashed, the machine lost power).
 */
export function readPreviousRun(dataDir: string): PreviousRun {
  const path = join(dataDir, RUN_MARKER_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM')
      throw new UsageError(
        `cannot read ${path} (permission denied): the data dir must belong to the user running qmpscope — choose another with --data-dir`,
      );
    // ENOENT, or ENOTDIR for a data dir that is a file: prepareDataDir says what is wrong with it.
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw err;
    const reason = existsSync(join(dataDir, 'events.db')) ? 'after-clean-shutdown' : 'first-start';
    return { reason, startedAt: null, pid: null };
  }
  // A marker cut short by a power loss still says the run ended uncleanly, without its details.
  const parsed = parseMarker(text);
  return { reason: 'after-unclean-shutdown', startedAt: parsed?.startedAt ?? null, pid: parsed?.pid ?? null };
}

/** The line the bridge prints at start after an unclean end; null otherwise. */
export function uncleanEndNotice(previous: PreviousRun): string | null {
  if (previous.reason !== 'after-unclean-shutdown') return null;
  const which = previous.startedAt !== null ? ` (pid ${previous.pid ?? '?'}, started ${new Date(previous.startedAt).toISOString()})` : '';
  return `the previous run${which} ended without a clean shutdown (killed, crashed, or the machine stopped)`;
}

/**
 * Written once the bridge listens; removed by its clean shutdown. A failure (a full disk) is a
 * warning: the bridge still runs, only the next start cannot tell how this one ended.
 */
export function writeRunMarker(dataDir: string, startedAt: number, warn: (line: string) => void): void {
  const path = join(dataDir, RUN_MARKER_FILE);
  try {
    writeFileSync(path, `${JSON.stringify({ pid: process.pid, startedAt })}\n`, { mode: 0o600 });
  } catch (err) {
    warn(`cannot write ${path}: ${(err as Error).message}; if this run ends without a clean shutdown, the next start will not say so`);
  }
}

export function removeRunMarker(dataDir: string, warn: (line: string) => void): void {
  const path = join(dataDir, RUN_MARKER_FILE);
  try {
    rmSync(path, { force: true });
  } catch (err) {
    warn(`cannot remove ${path}: ${(err as Error).message}; the next start will wrongly say this run ended without a clean shutdown`);
  }
}

function parseMarker(text: string): { pid: number; startedAt: number } | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null; // cut short: the caller reports the unclean end without details
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const { pid, startedAt } = raw as Record<string, unknown>;
  return Number.isSafeInteger(pid) && Number.isSafeInteger(startedAt) ? { pid: pid as number, startedAt: startedAt as number } : null;
}
