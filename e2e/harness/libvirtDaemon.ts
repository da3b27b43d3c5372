import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

export const VIRSH = '/usr/bin/virsh';
export const LIBVIRTD = '/usr/sbin/libvirtd';
export const VIRTLOGD = '/usr/sbin/virtlogd';
export const LIBVIRT_URI = 'qemu:///system';
export const libvirtAvailable = existsSync(VIRSH) && existsSync(LIBVIRTD) && existsSync(VIRTLOGD);

const LIBVIRTD_PID = '/run/libvirtd.pid';
const VIRTLOGD_PID = '/run/virtlogd.pid';

/** Runs `virsh -c URI ARGS` as the test (the user driving libvirt); rejects with virsh's stderr. */
export function virsh(...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(VIRSH, ['-c', LIBVIRT_URI, ...args], { env: { ...process.env, LC_ALL: 'C' }, timeout: 60_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`virsh ${args.join(' ')}: ${stderr.trim() || err.message}`));
      else resolve(stdout);
    });
  });
}

function answers(): boolean {
  return spawnSync(VIRSH, ['-c', LIBVIRT_URI, 'version'], { stdio: 'ignore', timeout: 10_000 }).status === 0;
}

function pidOf(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    process.kill(pid, 0);
    return pid;
  } catch {
    // No pid file, or its process is gone: not running.
    return null;
  }
}

async function until(what: string, probe: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The libvirtd the tests talk to. Where none answers (a fresh machine without systemd, as in CI),
 * it starts Debian's `virtlogd -d` and `libvirtd -d` as root, and stops at the end what it started.
 */
export class LibvirtDaemon {
  private startedLibvirtd = false;
  private startedVirtlogd = false;

  /** True when this harness started libvirtd, so it may also kill and restart it. */
  get ours(): boolean {
    return this.startedLibvirtd;
  }

  async ensure(): Promise<void> {
    if (answers()) return;
    if (process.getuid?.() !== 0)
      throw new Error(`no libvirtd answers on ${LIBVIRT_URI}, and starting one needs root: start libvirtd, or run the tests as root`);
    if (pidOf(VIRTLOGD_PID) === null) {
      spawnSync(VIRTLOGD, ['-d'], { stdio: 'ignore' });
      this.startedVirtlogd = true;
    }
    await this.startLibvirtd();
  }

  /** kill -9 libvirtd, as when it crashes; its domains keep running. */
  async kill(): Promise<void> {
    const pid = pidOf(LIBVIRTD_PID);
    if (pid === null) throw new Error('libvirtd is not running');
    process.kill(pid, 'SIGKILL');
    await until('libvirtd to exit', () => pidOf(LIBVIRTD_PID) === null || !alive(pid));
  }

  async startLibvirtd(): Promise<void> {
    const run = spawnSync(LIBVIRTD, ['-d'], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`libvirtd -d failed: ${run.stderr}`);
    this.startedLibvirtd = true;
    await until(`libvirtd to answer on ${LIBVIRT_URI}`, answers);
  }

  async stop(): Promise<void> {
    if (this.startedLibvirtd) await stopByPidFile(LIBVIRTD_PID);
    if (this.startedVirtlogd) await stopByPidFile(VIRTLOGD_PID);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    // ESRCH: it exited.
    return false;
  }
}

async function stopByPidFile(file: string): Promise<void> {
  const pid = pidOf(file);
  if (pid === null) return;
  process.kill(pid, 'SIGTERM');
  await until(`${file} process to exit`, () => !alive(pid));
}
