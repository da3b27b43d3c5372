import type { StateCreator } from 'zustand';
import type { LibvirtConnectionInfo, VmInfo } from '@qmpscope/events';
import { mergeVms } from './mergeVms';
import type { AppState } from './store';

export interface VmsSlice {
  vms: VmInfo[];
  setVms(vms: VmInfo[]): void;
  upsertVm(vm: VmInfo): void;
  /** Several updates in one store change (one frame's `vm` messages): see mergeVms. */
  upsertVms(vms: readonly VmInfo[]): void;
  /** The bridge's libvirt connections, shown even when they have no domain. */
  libvirtConnections: LibvirtConnectionInfo[];
  setLibvirtConnections(connections: LibvirtConnectionInfo[]): void;
}

export const createVmsSlice: StateCreator<AppState, [], [], VmsSlice> = (set) => ({
  vms: [],
  setVms: (vms) => set({ vms }),
  upsertVm: (vm) => set((s) => ({ vms: mergeVms(s.vms, [vm]) })),
  upsertVms: (vms) => {
    if (vms.length > 0) set((s) => ({ vms: mergeVms(s.vms, vms) }));
  },
  libvirtConnections: [],
  setLibvirtConnections: (libvirtConnections) => set({ libvirtConnections }),
});
