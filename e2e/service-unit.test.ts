/**
 * deploy/qmpscope.service: checked by systemd's own parser, and its ExecStart run as written (the
 * install path and /etc/qmpscope moved to temp dirs, %S expanded, the EnvironmentFile loaded, as
 * systemd would) against the built-in demo VM.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventsResponse, HealthResponse, VmsResponse } from '@qmpscope/events';
import { startQmpSimulator } from '@qmpscope/qmp-sim';
import { repoRoot } from './harness/bridgeProcess.js';
import { parseEnvironmentFile, parseUnitFile, SYSTEMD_PATH, unitValue, unitValues } from './harness/systemdUnit.js';
import { waitFor } from './harness/waitFor.js';

const UNIT_PATH = join(repoRoot, 'deploy/qmpscope.service');
const INSTALL_DIR = '/opt/qmpscope';
const CONFIG_DIR = '/etc/qmpscope';
const SYSTEMD_ANALYZE = '/usr/bin/systemd-analyze';
const unitText = readFileSync(UNIT_PATH, 'utf8');
const unit = parseUnitFile(unitText);

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('deploy/qmpscope.service', () => {
  it('declares the restart, state, token and hardening settings a service needs', () => {
    expect(unitValue(unit, 'Service', 'Restart')).toBe('on-failure');
    expect(unitValue(unit, 'Service', 'StateDirectory')).toBe('qmpscope');
    expect(unitValue(unit, 'Service', 'EnvironmentFile')).toBe(`${CONFIG_DIR}/qmpscope.env`);
    expect(unitValue(unit, 'Service', 'User')).toBe('qmpscope');
    expect(unitValue(unit, 'Service', 'ExecReload')).toBe('/bin/kill -HUP $MAINPID');
    for (const [key, value] of [
      ['NoNewPrivileges', 'yes'],
      ['ProtectSystem', 'strict'],
      ['ProtectHome', 'yes'],
      ['PrivateTmp', 'yes'],
    ] as const) {
      expect(unitValue(unit, 'Service', key), key).toBe(value);
    }
    // The data dir is the StateDirectory, not a path that ProtectSystem=strict leaves read-only.
    expect(unitValue(unit, 'Service', 'ExecStart')).toMatch(/ --data-dir %S\/qmpscope(\s|$)/);
    expect(unitValues(unit, 'Install', 'WantedBy')).toEqual(['multi-user.target']);
  });

  it.skipIf(!existsSync(SYSTEMD_ANALYZE))(
    `passes systemd-analyze verify (skipped where ${SYSTEMD_ANALYZE} is missing: apt-get install systemd)`,
    () => {
      // verify checks that ExecStart's program exists and can be run: point it at this checkout.
      const dir = tempDir('qmpscope-unit-');
      const file = join(dir, 'qmpscope.service');
      writeFileSync(file, unitText.replaceAll(INSTALL_DIR, repoRoot.replace(/\/$/, '')));
      const r = spawnSync(SYSTEMD_ANALYZE, ['verify', '--man=no', file], { encoding: 'utf8', timeout: 60_000 });
      expect(r.status, r.stderr).toBe(0);
      // Unknown keys and bad values are warnings with status 0: the unit must have none.
      expect(r.stderr).toBe('');
    },
  );

  it('runs its ExecStart as written: the demo VM streams, /healthz answers with the token, ExecReload adds a VM, SIGTERM exits 0', async () => {
    const etc = tempDir('qmpscope-etc-');
    const stateRoot = tempDir('qmpscope-state-');
    const token = 'unit-test-token-0123456789abcdef';
    const move = (s: string): string =>
      s.replaceAll(INSTALL_DIR, repoRoot.replace(/\/$/, '')).replaceAll(CONFIG_DIR, etc).replaceAll('%S', stateRoot).replaceAll('%%', '%');
    // What the install steps put in /etc/qmpscope: the token, and a config (no VM: the demo VM).
    const envFile = move(unitValue(unit, 'Service', 'EnvironmentFile'));
    writeFileSync(envFile, `# written by the install steps\nQMPSCOPE_TOKEN=${token}\n`, { mode: 0o600 });
    writeFileSync(join(etc, 'qmpscope.json'), JSON.stringify({ host: '127.0.0.1', port: 0 }));
    // systemd creates the StateDirectory before the start and names it in $STATE_DIRECTORY.
    const stateDir = join(stateRoot, unitValue(unit, 'Service', 'StateDirectory'));
    mkdirSync(stateDir, { mode: 0o700 });

    const execStart = unitValue(unit, 'Service', 'ExecStart');
    expect(execStart, 'plain words only: no quoting for this test to interpret').not.toMatch(/["'$\\]/);
    const argv = execStart.split(/\s+/).map(move);
    expect(argv.join(' ')).not.toMatch(/%/);
    // systemd's PATH, then this node's directory in case node is not installed in /usr/bin here.
    const env = {
      PATH: `${SYSTEMD_PATH}:${dirname(process.execPath)}`,
      STATE_DIRECTORY: stateDir,
      ...parseEnvironmentFile(readFileSync(envFile, 'utf8')),
    };
    const child = spawn(argv[0]!, argv.slice(1), { cwd: '/', env, stdio: ['ignore', 'pipe', 'pipe'] });
    cleanups.push(async () => void (await stopChild(child, 'SIGKILL')));
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', (err) => (output += `cannot run ${argv[0]}: ${err.message}\n`));
    const url = await waitFor(
      'the banner with the URL',
      () => {
        if (child.exitCode !== null) throw new Error(`ExecStart exited with ${child.exitCode}:\n${output}`);
        return /dashboard at (http:\/\/\S+)/.exec(output)?.[1];
      },
      30_000,
    );
    expect(output).toContain(`events stored in ${stateDir}/events.db`);
    expect(output).toMatch(/access token required \(from QMPSCOPE_TOKEN\)/);
    expect(output).not.toContain(token);

    const auth = { headers: { authorization: `Bearer ${token}` } };
    expect((await fetch(`${url}healthz`)).status).toBe(401);
    const health = (await (await fetch(`${url}healthz`, auth)).json()) as HealthResponse;
    expect(health).toMatchObject({ ok: true, vms: { total: 1 } });
    const events = await waitFor(
      'demo events',
      async () => {
        const page = (await (await fetch(`${url}api/events?vm=demo`, auth)).json()) as EventsResponse;
        return page.events.length > 0 ? page.events : undefined;
      },
      30_000,
    );
    expect(events[0]!.vm).toBe('demo');
    expect(existsSync(join(stateDir, 'events.db'))).toBe(true);

    // `systemctl reload`: ExecReload as written, $MAINPID being the process ExecStart started.
    const sim = await startQmpSimulator({ listen: 'tcp:127.0.0.1:0', name: 'added', scenario: 'idle' });
    cleanups.push(() => sim.close());
    writeFileSync(join(etc, 'qmpscope.json'), JSON.stringify({ host: '127.0.0.1', port: 0, vms: [{ name: 'added', target: sim.target }] }));
    const reload = unitValue(unit, 'Service', 'ExecReload').replaceAll('$MAINPID', String(child.pid)).split(/\s+/);
    const reloaded = spawnSync(reload[0]!, reload.slice(1), { encoding: 'utf8', timeout: 10_000 });
    expect(reloaded.status, reloaded.stderr).toBe(0);
    await waitFor(
      'the added VM connected',
      async () => {
        const { vms } = (await (await fetch(`${url}api/vms`, auth)).json()) as VmsResponse;
        return vms.some((v) => v.name === 'added' && v.connection === 'connected') ? true : undefined;
      },
      30_000,
    );
    expect(child.exitCode).toBeNull();

    // `systemctl stop` sends SIGTERM: a clean exit, which Restart=on-failure does not restart.
    expect(await stopChild(child, 'SIGTERM')).toEqual({ code: 0, signal: null });
  });
});

async function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return { code: child.exitCode, signal: child.signalCode };
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  child.kill(signal);
  const [code, sig] = await exited;
  return { code, signal: sig };
}
