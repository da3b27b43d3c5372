import type { StateCreator } from 'zustand';
import type { LibvirtConnectionInfo, VmInfo } from '@qmpscope/events';
import { mergeVms } from './mergeVms';
import type { AppState } from './store';

export interface VmsSlice {
  vms: VmInfo[];
  /**
   * The VM names in order, joined by newlines: a value that stays equal while only the VMs'
   * counts change, so views that need the names alone skip the updates every batch brings.
   */
  vmNames: string;
  setVms(vms: VmInfo[]): void;
  upsertVm(vm: VmInfo): void;
  /** Several updates in one store change (one frame's `vm` messages): see mergeVms. */
  upsertVms(vms: readonly VmInfo[]): void;
  /** The bridge's libvirt connections, shown even when they have no domain. */
  libvirtConnections: LibvirtConnectionInfo[];
  setLibvirtConnections(connections: LibvirtConnectionInfo[]): void;
}

const withNames = (vms: VmInfo[]) => ({ vms, vmNames: vms.map((v) => v.name).join('\n') });

export const createVmsSlice: StateCreator<AppState, [], [], VmsSlice> = (set) => ({
  vms: [],
  vmNames: '',
  setVms: (vms) => set(withNames(vms)),
  upsertVm: (vm) => set((s) => withNames(mergeVms(s.vms, [vm]))),
  upsertVms: (vms) => {
    if (vms.length > 0) set((s) => withNames(mergeVms(s.vms, vms)));
  },
  libvirtConnections: [],
  setLibvirtConnections: (libvirtConnections) => set({ libvirtConnections }),
});
