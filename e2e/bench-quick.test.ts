/**
 * `npm run bench -- --quick`, the CI-sized bench of the README, run as CI runs it (on the build
 * `npm test` made). It checks that every case ran to the end and printed a number for each of its
 * figures, so a change that breaks the bench shows here and not at the next full run. It does not
 * look at the numbers: speed is judged in docs/PERFORMANCE.md, on runs of this same command.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('..', import.meta.url));

function runQuickBench(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bench/dist/main.js', '--quick'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The table's body rows as [case, figure, value] (the header and separator rows left out). */
function tableRows(stdout: string): [string, string, string][] {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| Case'))
    .map((l) => l.split('|').map((cell) => cell.trim()))
    .map((cells) => [cells[1] ?? '', cells[2] ?? '', cells[3] ?? '']);
}

describe('bench, quick mode', () => {
  it(
    'runs every case to the end and prints a number for each figure',
    async () => {
      const { code, stdout, stderr } = await runQuickBench();
      expect(code, stderr).toBe(0);
      const rows = tableRows(stdout);
      expect(
        rows.filter(([, name]) => name === 'did not finish'),
        stdout,
      ).toEqual([]);
      for (const c of ['1 ingest', '2 bridge', '3 latency', '4 storage', '5 browser', '6 fleet']) {
        expect(
          rows.some(([rowCase]) => rowCase === c),
          `${c} in\n${stdout}`,
        ).toBe(true);
      }
      // One figure per case that needs the whole case to have worked (its last step, or its point).
      for (const want of [
        'unix socket -> QmpFramer -> classifyMessage',
        'events missing in clients at nominal',
        'line written -> row painted p99 at 10,000 ev/s',
        'database size per million events',
        'charts drawn after the history is in',
        'JS heap with 100,000 events',
        'bare XREAD from one client',
      ]) {
        expect(
          rows.some(([, name]) => name.startsWith(want)),
          `${want} in\n${stdout}`,
        ).toBe(true);
      }
      for (const [rowCase, name, value] of rows) {
        expect(value, `${rowCase} / ${name}`).toMatch(/^-?[\d,]+(\.\d+)? \S+$/);
      }
    },
    20 * 60_000,
  );
});
