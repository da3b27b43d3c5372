import type { VmInfo } from '@qmpscope/events';

/** How the overview names where a VM's events come from: "libvirt qemu:///system" or "QMP unix:/run/a.qmp". */
export function vmSourceLabel(vm: Pick<VmInfo, 'source' | 'target'>): string {
  return vm.source?.kind === 'libvirt' ? `libvirt ${vm.source.uri}` : `QMP ${vm.target}`;
}
