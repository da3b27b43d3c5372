import type { StateCreator } from 'zustand';
import type { VmInfo } from '@qmpscope/events';
import type { AppState } from './store';

export interface VmsSlice {
  vms: VmInfo[];
  setVms(vms: VmInfo[]): void;
  upsertVm(vm: VmInfo): void;
}

export const createVmsSlice: StateCreator<AppState, [], [], VmsSlice> = (set) => ({
  vms: [],
  setVms: (vms) => set({ vms }),
  upsertVm: (vm) =>
    set((s) => {
      const i = s.vms.findIndex((v) => v.name === vm.name);
      if (i < 0) return { vms: [...s.vms, vm] };
      const vms = s.vms.slice();
      vms[i] = vm;
      return { vms };
    }),
});
