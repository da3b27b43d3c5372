import { formatTarget, parseTarget, TargetError } from '@qmpscope/qmp';
import { UsageError } from '../cli/usageError.js';

export interface VmSpec {
  name: string;
  /** Normalised `unix:/path` or `tcp:host:port`. */
  target: string;
}

const VM_NAME = /^[A-Za-z0-9._-]{1,64}$/;

export function checkVmName(name: string, where: string): void {
  if (!VM_NAME.test(name)) {
    throw new UsageError(`${where}: invalid vm name ${JSON.stringify(name)}: use 1 to 64 of A-Z a-z 0-9 . _ -`);
  }
}

export function checkTarget(target: string, where: string): string {
  try {
    return formatTarget(parseTarget(target));
  } catch (err) {
    if (err instanceof TargetError) throw new UsageError(`${where}: ${err.message}`);
    throw err;
  }
}

/** Parses the value of `--vm NAME=unix:/path` / `--vm NAME=tcp:host:port`. */
export function parseVmFlag(value: string): VmSpec {
  const eq = value.indexOf('=');
  if (eq < 0) {
    throw new UsageError(`--vm ${JSON.stringify(value)}: expected NAME=unix:/path/to/qmp.sock or NAME=tcp:host:port`);
  }
  const name = value.slice(0, eq);
  checkVmName(name, '--vm');
  return { name, target: checkTarget(value.slice(eq + 1), `--vm ${name}`) };
}

/** Throws on a repeated name (names are the VM's identity in URLs and storage). */
export function checkUniqueNames(vms: readonly VmSpec[], where: string): void {
  const seen = new Set<string>();
  for (const vm of vms) {
    if (seen.has(vm.name)) throw new UsageError(`${where}: vm name ${JSON.stringify(vm.name)} is given twice: names must be unique`);
    seen.add(vm.name);
  }
}
