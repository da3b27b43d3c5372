import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPreviousRun, removeRunMarker, RUN_MARKER_FILE, uncleanEndNotice, writeRunMarker } from './runMarker.js';

const root = mkdtempSync(join(tmpdir(), 'qmpscope-marker-'));
const fail = (line: string): never => {
  throw new Error(`unexpected warning: ${line}`);
};
afterAll(() => rmSync(root, { recursive: true, force: true }));

function dataDir(name: string, withDatabase: boolean): string {
  const dir = join(root, name);
  mkdirSync(dir);
  if (withDatabase) writeFileSync(join(dir, 'events.db'), '');
  return dir;
}

describe('run marker', () => {
  it('tells a first start (no data dir or no database) from a clean and an unclean end', () => {
    expect(readPreviousRun(join(root, 'missing')).reason).toBe('first-start');
    expect(readPreviousRun(dataDir('empty', false)).reason).toBe('first-start');

    const dir = dataDir('used', true);
    expect(readPreviousRun(dir)).toEqual({ reason: 'after-clean-shutdown', startedAt: null, pid: null });
    writeRunMarker(dir, Date.UTC(2026, 11, 4, 12, 0, 0), fail);
    const unclean = readPreviousRun(dir);
    expect(unclean).toEqual({ reason: 'after-unclean-shutdown', startedAt: Date.UTC(2026, 11, 4, 12, 0, 0), pid: process.pid });
    expect(uncleanEndNotice(unclean)).toBe(
      `the previous run (pid ${process.pid}, started 2026-12-04T12:00:00.000Z) ended without a clean shutdown (killed, crashed, or the machine stopped)`,
    );
    removeRunMarker(dir, fail);
    expect(existsSync(join(dir, RUN_MARKER_FILE))).toBe(false);
    expect(readPreviousRun(dir).reason).toBe('after-clean-shutdown');
    expect(uncleanEndNotice(readPreviousRun(dir))).toBeNull();
  });

  it('a marker cut short still means an unclean end, without details', () => {
    const dir = dataDir('cut', true);
    writeFileSync(join(dir, RUN_MARKER_FILE), '{"pid": 12');
    const previous = readPreviousRun(dir);
    expect(previous).toEqual({ reason: 'after-unclean-shutdown', startedAt: null, pid: null });
    expect(uncleanEndNotice(previous)).toBe('the previous run ended without a clean shutdown (killed, crashed, or the machine stopped)');
  });

  it('a marker that cannot be written is a warning, not a failed start', () => {
    const warnings: string[] = [];
    writeRunMarker(join(root, 'no-such-dir'), 0, (line) => warnings.push(line));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^cannot write .*no-such-dir\/qmpscope\.running: .*no such file.*; if this run ends without a clean shutdown, the next start will not say so$/,
    );
  });
});
