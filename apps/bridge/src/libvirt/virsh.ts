import { execFile, spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';

/** Debian's libvirt client; qmpscope talks to libvirt only through it (see the bridge README). */
export const DEFAULT_VIRSH = 'virsh';
const INSTALL_HINT = 'install the libvirt client: apt-get install libvirt-clients';
/** virsh's messages and state names ("shut off") are translated otherwise. */
const VIRSH_ENV = { ...process.env, LC_ALL: 'C', LANG: 'C', LANGUAGE: '' };
/** Most output one query may print (`list --all --name` of thousands of domains is far below). */
const MAX_QUERY_OUTPUT = 4 * 1024 * 1024;
const QUERY_TIMEOUT_MS = 30_000;

export type VirshResult = { ok: true; stdout: string } | { ok: false; error: string };

/**
 * Runs one read-only virsh query (`version`, `list`, `domstate`) against `uri`. Arguments go to
 * virsh as separate argv entries, never through a shell, so domain names need no quoting.
 */
export function runVirsh(virsh: string, uri: string, args: readonly string[]): Promise<VirshResult> {
  return new Promise((resolve) => {
    execFile(
      virsh,
      ['-c', uri, ...args],
      { env: VIRSH_ENV, timeout: QUERY_TIMEOUT_MS, maxBuffer: MAX_QUERY_OUTPUT, encoding: 'utf8' },
      (err, stdout, stderr) => {
        if (!err) resolve({ ok: true, stdout });
        else resolve({ ok: false, error: virshFailure(virsh, err, stderr) });
      },
    );
  });
}

/** A long-running `virsh -c URI ARGS` (an event loop) whose stdout is read as it comes. */
export function spawnVirsh(virsh: string, uri: string, args: readonly string[]): ChildProcessByStdio<null, Readable, Readable> {
  return spawn(virsh, ['-c', uri, ...args], { env: VIRSH_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The message of a failed virsh: libvirt's own words from its `error:` lines, or why virsh did not run. */
export function virshFailure(virsh: string, err: NodeJS.ErrnoException | Error | null, stderr: string): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return `${virsh} not found: ${INSTALL_HINT}`;
  if (code === 'EACCES') return `${virsh} cannot be run (permission denied): ${INSTALL_HINT}`;
  const message = libvirtMessage(stderr);
  if (message !== '') return message;
  if ((err as { killed?: boolean } | null)?.killed) return `${virsh} did not answer within ${QUERY_TIMEOUT_MS / 1000} s`;
  return err ? `${virsh} failed: ${err.message.split('\n')[0]}` : `${virsh} ended without saying why`;
}

/**
 * virsh prints libvirt's errors as `error: ...` lines, the general one first ("failed to connect to
 * the hypervisor"), then the cause; the cause is what the user can act on, so it comes first.
 */
export function libvirtMessage(stderr: string): string {
  const lines = stderr
    .split('\n')
    .filter((l) => l.startsWith('error: '))
    .map((l) => l.slice('error: '.length).trim())
    .filter((l) => l !== '');
  if (lines.length === 0) return stderr.trim().split('\n').slice(-1)[0]?.slice(0, 500) ?? '';
  const [first, ...rest] = lines;
  return (rest.length > 0 ? `${rest.join('; ')} (${first})` : first!).slice(0, 1000);
}
