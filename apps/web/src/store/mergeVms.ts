import type { VmInfo } from '@qmpscope/events';

/**
 * `current` with each of `updates` replacing the VM of the same name (new names appended, in
 * arrival order; for a name updated twice the later wins). Returns `current` itself when
 * `updates` is empty. One merge per frame replaces one store update per `vm` message, because
 * every store update re-runs every subscriber's selector (the VM cards' among them), and busy
 * VMs send many such messages a second.
 */
export function mergeVms(current: readonly VmInfo[], updates: readonly VmInfo[]): VmInfo[] {
  if (updates.length === 0) return current as VmInfo[];
  const latest = new Map<string, VmInfo>();
  for (const vm of updates) latest.set(vm.name, vm);
  const out = current.map((vm) => {
    const next = latest.get(vm.name);
    if (next === undefined) return vm;
    latest.delete(vm.name);
    return next;
  });
  for (const vm of latest.values()) out.push(vm);
  return out;
}
