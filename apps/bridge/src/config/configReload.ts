import type { BridgeConfig } from './bridgeConfig.js';
import type { VmSpec } from './vmSpec.js';

/** What a reload (SIGHUP) changes: QMP VMs only; every other setting takes effect at a restart. */
export interface ReloadPlan {
  add: VmSpec[];
  /** Same name, new target: stopped and reconnected. */
  retarget: VmSpec[];
  remove: string[];
  unchanged: string[];
  /** Settings that differ from the running ones and need a restart, named as in the config file or flags. */
  needRestart: string[];
}

/**
 * Compares the running config with the one just read. VMs are reloadable. libvirt URIs are not: a
 * domain's VM name depends on how many connections there are (HOST/DOMAIN with more than one), so
 * adding or removing one would rename VMs whose history is stored under the old name.
 */
export function planReload(running: BridgeConfig, next: BridgeConfig): ReloadPlan {
  const before = new Map(running.vms.map((vm) => [vm.name, vm.target]));
  const after = new Set(next.vms.map((vm) => vm.name));
  const plan: ReloadPlan = { add: [], retarget: [], remove: [], unchanged: [], needRestart: [] };
  for (const vm of next.vms) {
    const target = before.get(vm.name);
    if (target === undefined) plan.add.push(vm);
    else if (target !== vm.target) plan.retarget.push(vm);
    else plan.unchanged.push(vm.name);
  }
  plan.remove = running.vms.filter((vm) => !after.has(vm.name)).map((vm) => vm.name);
  const differs = (a: unknown, b: unknown): boolean => JSON.stringify(a) !== JSON.stringify(b);
  if (differs([...running.libvirt].sort(), [...next.libvirt].sort())) plan.needRestart.push('libvirt');
  if (running.host !== next.host) plan.needRestart.push('host');
  if (running.port !== next.port) plan.needRestart.push('port');
  if (running.dataDir !== next.dataDir) plan.needRestart.push('dataDir');
  if (differs(running.retention, next.retention)) plan.needRestart.push('retention');
  // A generated token is new at each resolve: only a token the user set can have changed.
  const generated = running.tokenSource === 'generated' && next.tokenSource === 'generated';
  if (!generated && (running.token !== next.token || running.tokenSource !== next.tokenSource)) plan.needRestart.push('token');
  if (running.demo !== next.demo) plan.needRestart.push('demo');
  if (differs(running.fleet ?? null, next.fleet ?? null)) plan.needRestart.push('fleet');
  return plan;
}
