import type { QmpTarget } from './types.js';
import { formatTarget } from './target.js';

/** Turns a node:net error into a sentence a user can act on. */
export function describeSocketError(target: QmpTarget, err: NodeJS.ErrnoException, connected: boolean): string {
  const where = formatTarget(target);
  const qemuFlag = `-qmp ${where},server=on,wait=off`;
  if (connected) {
    if (err.code === 'ECONNRESET' || err.code === 'EPIPE') return `connection to ${where} reset by QEMU — did QEMU exit?`;
    return `connection to ${where} failed: ${err.message}`;
  }
  switch (err.code) {
    case 'ENOENT':
      return `cannot connect to ${where}: no such file — is QEMU started with ${qemuFlag}?`;
    case 'ECONNREFUSED':
      return target.kind === 'unix'
        ? `cannot connect to ${where}: connection refused — the socket file exists but nobody listens; has QEMU exited?`
        : `cannot connect to ${where}: connection refused — is QEMU started with ${qemuFlag}?`;
    case 'EACCES':
    case 'EPERM':
      return `cannot connect to ${where}: permission denied — run as a user allowed to read and write the socket`;
    case 'ENOTSOCK':
      return `cannot connect to ${where}: the file is not a socket — check the path given to -qmp`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot connect to ${where}: host not found — check the host name`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `cannot connect to ${where}: host unreachable — check the network path to the host`;
    default:
      return `cannot connect to ${where}: ${err.message}`;
  }
}
