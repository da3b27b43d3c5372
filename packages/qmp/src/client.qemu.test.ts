import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QmpClient } from './client.js';
import { QmpError } from './qmpError.js';
import type { QmpEvent, QmpStateChange, QmpVmInfo } from './types.js';

const QEMU = '/usr/bin/qemu-system-x86_64';
const haveQemu = fs.existsSync(QEMU);
if (!haveQemu) console.warn(`client.qemu.test.ts skipped: ${QEMU} is missing (install qemu-system-x86; CI always has it)`);

async function until(pred: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.skipIf(!haveQemu)('QmpClient against a real QEMU', () => {
  let dir: string;
  let qemu: ChildProcess | null = null;
  const a = { states: [] as QmpStateChange[], events: [] as QmpEvent[], infos: [] as QmpVmInfo[] };
  let watcher: QmpClient;
  let driver: QmpClient;
  let pretty: QmpClient;
  const p = { events: [] as QmpEvent[], infos: [] as QmpVmInfo[], issues: [] as string[] };

  async function startQemu(): Promise<void> {
    const sockA = path.join(dir, 'a.sock');
    fs.rmSync(sockA, { force: true });
    const child = spawn(
      QEMU,
      [
        '-S',
        '-display',
        'none',
        '-nodefaults',
        '-machine',
        'pc',
        '-m',
        '64',
        '-name',
        'qmp-it',
        '-qmp',
        `unix:${sockA},server=on,wait=off`,
        '-qmp',
        `unix:${path.join(dir, 'b.sock')},server=on,wait=off`,
        // A pretty=on monitor spreads every object over many lines.
        '-chardev',
        `socket,id=pretty,path=${path.join(dir, 'p.sock')},server=on,wait=off`,
        '-mon',
        'chardev=pretty,mode=control,pretty=on',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    qemu = child;
    await until(() => fs.existsSync(sockA) || child.exitCode !== null, 'QEMU socket');
    if (child.exitCode !== null) throw new Error(`QEMU exited early (${child.exitCode}): ${stderr}`);
  }

  async function killQemu(): Promise<void> {
    const child = qemu;
    if (child === null || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qmp-qemu-'));
    await startQemu();
    watcher = new QmpClient({ target: `unix:${path.join(dir, 'a.sock')}`, reconnect: { initialDelayMs: 20, maxDelayMs: 200 } });
    watcher.on('state', (s) => a.states.push(s));
    watcher.on('events', (b) => a.events.push(...b));
    watcher.on('info', (i) => a.infos.push(i));
    watcher.start();
    driver = new QmpClient({ target: `unix:${path.join(dir, 'b.sock')}`, reconnect: { initialDelayMs: 20, maxDelayMs: 200 } });
    driver.start();
    pretty = new QmpClient({ target: `unix:${path.join(dir, 'p.sock')}`, reconnect: false });
    pretty.on('events', (b) => p.events.push(...b));
    pretty.on('info', (i) => p.infos.push(i));
    pretty.on('protocolIssue', (i) => p.issues.push(i.message));
    pretty.start();
    await until(() => a.infos.length > 0 && driver.state === 'connected' && p.infos.length > 0, 'all clients connected');
  }, 30_000);

  afterAll(async () => {
    await watcher?.stop();
    await driver?.stop();
    await pretty?.stop();
    await killQemu();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads the greeting and the VM info', () => {
    expect(watcher.greeting?.version.qemu.major).toBe(7);
    expect(watcher.greeting?.capabilities).toContain('oob');
    expect(a.infos[0]).toMatchObject({ status: 'prelaunch', running: false, name: 'qmp-it' });
    expect(a.infos[0]?.version).toMatch(/^7\.\d+\.\d+$/);
  });

  it('sees RESUME, STOP and RESET driven from another monitor', async () => {
    await driver.execute('cont');
    await until(() => a.events.some((e) => e.event === 'RESUME'), 'RESUME');
    expect(watcher.info).toMatchObject({ status: 'running', running: true });
    await driver.execute('stop');
    await until(() => a.events.some((e) => e.event === 'STOP'), 'STOP');
    expect(watcher.info).toMatchObject({ status: 'paused', running: false });
    await driver.execute('system_reset');
    await until(() => a.events.some((e) => e.event === 'RESET'), 'RESET');
    const reset = a.events.find((e) => e.event === 'RESET');
    expect(reset?.data).toEqual({ guest: false, reason: 'host-qmp-system-reset' });
    expect(reset?.timestamp.seconds).toBeGreaterThan(1_600_000_000);
    expect(Math.abs((reset?.receivedAt ?? 0) - Date.now())).toBeLessThan(10_000);
    expect(watcher.info.status).toBe('paused');
    await until(() => p.events.length >= 3, 'events on the pretty=on monitor');
    expect(p.events.map((e) => e.event)).toEqual(['RESUME', 'STOP', 'RESET']);
    expect(p.events[2]?.data).toEqual(reset?.data);
    expect(p.events[2]?.timestamp).toEqual(reset?.timestamp);
  });

  it('reads a pretty=on monitor (objects over many lines) without issues', () => {
    expect(p.infos[0]).toMatchObject({ status: 'prelaunch', name: 'qmp-it' });
    expect(p.issues).toEqual([]);
  });

  it('turns an unknown command into a QmpError', async () => {
    const err = await driver.execute('no-such-command').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QmpError);
    expect((err as QmpError).errorClass).toBe('CommandNotFound');
  });

  it('reconnects after QEMU is killed and restarted, and re-queries the info', async () => {
    const infosBefore = a.infos.length;
    const statesBefore = a.states.length;
    await killQemu();
    await until(() => a.states.slice(statesBefore).some((s) => s.state === 'disconnected'), 'disconnected');
    await startQemu();
    await until(() => a.infos.length > infosBefore && watcher.state === 'connected', 'reconnected', 20_000);
    const after = a.states.slice(statesBefore).map((s) => s.state);
    expect(after[0]).toBe('disconnected');
    expect(after.at(-1)).toBe('connected');
    expect(a.states[statesBefore]?.error).toMatch(/closed by QEMU|reset by QEMU/);
    expect(a.infos.at(-1)).toMatchObject({ status: 'prelaunch', running: false, name: 'qmp-it' });
  }, 30_000);
});
