import { describe, expect, it } from 'vitest';
import type { VmInfo } from '@qmpscope/events';
import { vmNamesKey } from './vmNamesKey';

const vm = (name: string, eventCount = 0) => ({ name, eventCount }) as unknown as VmInfo;

describe('vmNamesKey', () => {
  it('joins the names in order, empty for no VMs', () => {
    expect(vmNamesKey([vm('a'), vm('b')])).toBe('a\nb');
    expect(vmNamesKey([])).toBe('');
  });

  it('follows a new array, whichever came before', () => {
    const first = [vm('a'), vm('b')];
    expect(vmNamesKey(first)).toBe('a\nb');
    expect(vmNamesKey([vm('b'), vm('a')])).toBe('b\na');
    expect(vmNamesKey([vm('a', 5), vm('b', 7), vm('c')])).toBe('a\nb\nc');
    expect(vmNamesKey(first)).toBe('a\nb');
  });
});
