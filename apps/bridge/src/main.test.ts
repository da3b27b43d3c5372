import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'qmpscope-cli-'));

beforeAll(() => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npx tsc -b\` first (npm test does)`);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function run(args: string[]) {
  const r = spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8', timeout: 10_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function expectUsageError(args: string[], message: RegExp): void {
  const r = run(args);
  expect(r.code, r.stderr).toBe(2);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(message);
  expect(lines[0]).toMatch(/\(see --help\)$/);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('qmpscope CLI (built main.js)', () => {
  it('prints help documenting every flag, and the version', () => {
    const help = run(['--help']);
    expect(help.code).toBe(0);
    for (const flag of ['--vm', '--config', '--host', '--port', '--data-dir', '--retention-events', '--retention-days', '--max-line-bytes', '--demo', '--web-dir', '--token', 'QMPSCOPE_TOKEN', '--help', '--version']) {
      expect(help.stdout).toContain(flag);
    }
    expect(help.stdout).toMatch(/Examples:/);
    expect(run(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('exits 2 with one clear line on bad input', () => {
    expectUsageError(['--bogus'], /^qmpscope: unknown option --bogus/);
    expectUsageError(['--vm', 'a=ftp:x'], /invalid QMP target "ftp:x"/);
    expectUsageError(['--vm', 'a=unix:/x', '--vm', 'a=unix:/y'], /vm name "a" is given twice/);
    expectUsageError(['--port', 'x'], /--port "x": expected an integer/);
    expectUsageError(['--config', join(dir, 'nope.json')], /cannot read config file .*nope\.json: no such file/);
    writeFileSync(join(dir, 'bad.json'), '{\n "vms": [}\n');
    expectUsageError(['--config', join(dir, 'bad.json')], /is not valid JSON: unexpected "}" at line 2, column 10/);
    expectUsageError(['--token', 'short'], /--token: a token is 16-256 of/);
    writeFileSync(join(dir, 'ro'), '');
    expectUsageError(['--data-dir', join(dir, 'ro', 'sub')], /data dir .* is not writable/);
  });
});
