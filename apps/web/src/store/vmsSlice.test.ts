import { describe, expect, it } from 'vitest';
import type { VmInfo } from '@qmpscope/events';
import { createAppStore } from './store';

const vm = (name: string, eventCount = 0) => ({ name, eventCount }) as unknown as VmInfo;

describe('the VM names kept beside the VMs', () => {
  it('joins the names in order, follows every change of the list, and stays equal when only counts change', () => {
    const store = createAppStore();
    expect(store.getState().vmNames).toBe('');
    store.getState().setVms([vm('a'), vm('b')]);
    expect(store.getState().vmNames).toBe('a\nb');
    let changes = 0;
    const stop = store.subscribe((s, prev) => {
      if (s.vmNames !== prev.vmNames) changes++;
    });
    store.getState().upsertVms([vm('a', 5), vm('b', 7)]);
    store.getState().upsertVm(vm('b', 8));
    expect(changes).toBe(0);
    store.getState().upsertVm(vm('c'));
    expect(store.getState().vmNames).toBe('a\nb\nc');
    store.getState().setVms([vm('b')]);
    expect(store.getState().vmNames).toBe('b');
    expect(changes).toBe(2);
    stop();
  });
});
