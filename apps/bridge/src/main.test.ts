import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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

/** Starts main.js until it prints its URL; the caller kills it. */
async function startMain(args: string[]): Promise<{ child: ChildProcess; url: string; output: () => string; stderr: () => string }> {
  const child = spawn(process.execPath, [MAIN, '--port', '0', '--data-dir', join(dir, `data-${Math.random()}`), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  for (let waited = 0; waited < 15_000; waited += 50) {
    const url = /dashboard at (http:\/\/\S+)/.exec(output)?.[1];
    if (url) return { child, url, output: () => output, stderr: () => stderr };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`main.js did not start:\n${output}`);
}

/** Starts main.js, stops it with SIGTERM once it listens, and gives what it wrote to stderr. */
async function runToEnd(args: string[]): Promise<string> {
  const { child, stderr } = await startMain(args);
  const closed = new Promise((resolve) => child.once('close', resolve));
  child.kill('SIGTERM');
  await closed;
  return stderr();
}

describe('qmpscope CLI (built main.js)', () => {
  it('takes the token from --token-file: not in the process list, required by the API', async () => {
    const token = 'file-token-abcdefghijklmnop';
    writeFileSync(join(dir, 'svc-token'), `${token}\n`, { mode: 0o600 });
    const { child, url, output } = await startMain(['--demo', '--token-file', join(dir, 'svc-token')]);
    try {
      expect(readFileSync(`/proc/${child.pid}/cmdline`, 'utf8')).not.toContain(token);
      expect(output()).not.toContain(token);
      expect(output()).toMatch(/access token required \(from --token-file\)/);
      expect((await fetch(`${url}api/vms`)).status).toBe(401);
      expect((await fetch(`${url}api/vms`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('prints help documenting every flag, and the version', () => {
    const help = run(['--help']);
    expect(help.code).toBe(0);
    for (const flag of [
      '--vm',
      '--config',
      '--host',
      '--port',
      '--data-dir',
      '--retention-events',
      '--retention-days',
      '--max-line-bytes',
      '--demo',
      '--web-dir',
      '--token',
      '--token-file',
      'QMPSCOPE_TOKEN',
      '--log-format',
      '--log-level',
      'SIGHUP',
      '--help',
      '--version',
    ]) {
      expect(help.stdout).toContain(flag);
    }
    expect(help.stdout).toMatch(/Examples:/);
    // --token leaks to every local user through /proc/PID/cmdline: the help says so and points elsewhere.
    expect(help.stdout).toMatch(
      /--token TOKEN +the token on the command line: every local user can read it in\s+the process list, so prefer --token-file or QMPSCOPE_TOKEN/,
    );
    expect(run(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('has a start command for services that never installs or builds: npm run serve', () => {
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    const r = spawnSync('npm', ['run', '--silent', 'serve', '--', '--version'], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(r.stderr).not.toMatch(/installing|building/);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['serve']).toBe('node apps/bridge/dist/main.js');
  });

  it('has an installed `qmpscope` command that runs the built bridge and never runs npm or a build', () => {
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8')) as {
      bin: Record<string, string>;
    };
    const binFile = fileURLToPath(new URL(`../${pkg.bin['qmpscope']}`, import.meta.url));
    // Git keeps the mode bit; without it the link npm makes in node_modules/.bin cannot be run.
    expect(statSync(binFile).mode & 0o111).toBe(0o111);
    // npm, npx, tsc and vite that leave a mark: the command must run none of them.
    const fakeBin = join(dir, 'fake-bin');
    mkdirSync(fakeBin, { recursive: true });
    const mark = join(dir, 'ran-a-tool');
    for (const tool of ['npm', 'npx', 'tsc', 'vite'])
      writeFileSync(join(fakeBin, tool), `#!/bin/sh\necho ${tool} >> ${mark}\nexit 1\n`, { mode: 0o755 });
    const env = { ...process.env, PATH: `${fakeBin}:${dirname(process.execPath)}:/usr/bin:/bin` };
    const linked = join(root, 'node_modules', '.bin', 'qmpscope');
    const version = spawnSync(linked, ['--version'], { encoding: 'utf8', env, timeout: 10_000 });
    expect(version.status, version.stderr).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = spawnSync(linked, ['--help'], { encoding: 'utf8', env, timeout: 10_000 });
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^ {2}qmpscope \[options\] +the installed command/m);
    expect(existsSync(mark) ? readFileSync(mark, 'utf8') : '').toBe('');
    // And as npm runs it (npm exec finds the workspace's bin without installing anything).
    const viaNpm = spawnSync('npm', ['exec', '--offline', '--', 'qmpscope', '--version'], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    expect(viaNpm.status, viaNpm.stderr).toBe(0);
    expect(viaNpm.stdout.trim()).toBe(version.stdout.trim());
  });

  it('says what to run when the command is installed without a build', () => {
    const copy = join(dir, 'unbuilt', 'bin');
    mkdirSync(copy, { recursive: true });
    copyFileSync(fileURLToPath(new URL('../bin/qmpscope.js', import.meta.url)), join(copy, 'qmpscope.js'));
    const r = spawnSync(process.execPath, [join(copy, 'qmpscope.js'), '--version'], { encoding: 'utf8', timeout: 10_000 });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toMatch(
      /^qmpscope: .*unbuilt\/dist\/main\.js is missing: run `npm ci && npm run build` once in the qmpscope checkout$/,
    );
  });

  it('logs JSON lines when stderr is a pipe, readable lines on a terminal, and --log-format/--log-level override that', async () => {
    // A data dir open to other users is a warning at every start.
    const open = join(dir, 'open-data');
    mkdirSync(open, { mode: 0o755 });
    chmodSync(open, 0o755);
    const base = ['--demo', '--data-dir', open];
    const records = (await runToEnd(base))
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const r of records) expect([typeof r['level'], typeof r['time'], typeof r['msg']]).toEqual(['string', 'string', 'string']);
    expect(records.map((r) => [r['level'], r['msg']])).toEqual([
      ['warn', expect.stringMatching(/^data dir .*open-data is open to other local users/)],
      ['info', 'started'],
      ['info', 'flushing events and closing the database'],
    ]);
    expect(records[1]).toMatchObject({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/$/), vms: 1, token: 'none' });

    const warnOnly = (await runToEnd([...base, '--log-level', 'warn'])).split('\n').filter((l) => l !== '');
    expect(warnOnly.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual([expect.stringMatching(/^data dir /)]);
    expect(await runToEnd([...base, '--log-level', 'error'])).toBe('');

    expect(await runToEnd([...base, '--log-format', 'pretty'])).toMatch(
      /^qmpscope: warn: data dir .*open-data is open to other local users .*\nqmpscope: flushing events and closing the database signal=SIGTERM\n$/,
    );

    // On a terminal (script(1) gives it a pty) the default is readable lines, the banner unchanged.
    const onTty = spawnSync('script', ['-qec', `timeout -s TERM 4 ${process.execPath} ${MAIN} --port 0 ${base.join(' ')}`, '/dev/null'], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(onTty.stdout).toMatch(/qmpscope: warn: data dir .*open-data is open to other local users/);
    expect(onTty.stdout).toMatch(/dashboard at http:\/\/127\.0\.0\.1:\d+\//);
    expect(onTty.stdout).not.toMatch(/"level"/);
  }, 40_000);

  it('exits 2 with one clear line on bad input', () => {
    expectUsageError(['--bogus'], /^qmpscope: unknown option --bogus/);
    expectUsageError(['--vm', 'a=ftp:x'], /invalid QMP target "ftp:x"/);
    expectUsageError(['--vm', 'a=unix:/x', '--vm', 'a=unix:/y'], /vm name "a" is given twice/);
    expectUsageError(['--port', 'x'], /--port "x": expected an integer/);
    expectUsageError(['--log-format', 'xml'], /--log-format "xml": expected one of auto, json, pretty/);
    expectUsageError(['--log-level', 'debug'], /--log-level "debug": expected one of info, warn, error/);
    expectUsageError(['--config', join(dir, 'nope.json')], /cannot read config file .*nope\.json: no such file/);
    writeFileSync(join(dir, 'bad.json'), '{\n "vms": [}\n');
    expectUsageError(['--config', join(dir, 'bad.json')], /is not valid JSON: unexpected "}" at line 2, column 10/);
    expectUsageError(['--token', 'short'], /--token: a token is 16-256 of/);
    expectUsageError(['--token-file', join(dir, 'no-token')], /--token-file .*no-token: cannot read it \(no such file\)/);
    writeFileSync(join(dir, 'token'), 'file-token-0123456789\n', { mode: 0o600 });
    expectUsageError(['--token', 'flag-token-0123456789', '--token-file', join(dir, 'token')], /give --token or --token-file, not both/);
    writeFileSync(join(dir, 'ro'), '');
    expectUsageError(['--data-dir', join(dir, 'ro', 'sub')], /data dir .* is not writable/);
  });
});
