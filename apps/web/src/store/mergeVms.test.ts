import { describe, expect, it } from 'vitest';
import type { VmInfo } from '@qmpscope/events';
import { mergeVms } from './mergeVms';

const vm = (name: string, eventCount: number): VmInfo => ({
  name,
  target: `unix:/tmp/${name}.qmp`,
  connection: 'connected',
  connectionSince: 0,
  lastError: null,
  status: 'running',
  qemuVersion: '7.2.0',
  guestName: null,
  eventCount,
  lastEvent: null,
});

describe('mergeVms', () => {
  it('replaces by name in place, appends new names in arrival order, the later update wins', () => {
    const out = mergeVms([vm('a', 1), vm('b', 1)], [vm('c', 1), vm('b', 2), vm('d', 1), vm('b', 3)]);
    expect(out.map((v) => `${v.name}${v.eventCount}`)).toEqual(['a1', 'b3', 'c1', 'd1']);
  });
  it('keeps the untouched VMs as they were and the input unchanged', () => {
    const current = [vm('a', 1), vm('b', 1)];
    const out = mergeVms(current, [vm('b', 2)]);
    expect(out[0]).toBe(current[0]);
    expect(current[1]?.eventCount).toBe(1);
  });
  it('returns the same array when nothing changed', () => {
    const current = [vm('a', 1)];
    expect(mergeVms(current, [])).toBe(current);
  });
});
