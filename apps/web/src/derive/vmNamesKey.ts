import type { VmInfo } from '@qmpscope/events';

let lastVms: readonly VmInfo[] | null = null;
let lastKey = '';

/**
 * The VM names of `vms` in order, joined by newlines: one string that stays equal while only
 * the VMs' counts change. Remembered for the last array: every store change (each batch of
 * events) re-runs each subscriber's selector, and at 1,000 VMs rebuilding the string in each
 * of them (timeline, filters, every chart) cost more than the batch itself.
 */
export function vmNamesKey(vms: readonly VmInfo[]): string {
  if (vms !== lastVms) {
    lastVms = vms;
    lastKey = vms.map((v) => v.name).join('\n');
  }
  return lastKey;
}
