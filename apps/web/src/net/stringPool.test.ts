import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '@qmpscope/events';
import { StringPool } from './stringPool';

// Strings built at run time, so the engine's literal table does not make them identical already.
const fresh = (s: string): string => s.split('').join('');
const ev = (vm: string, path: string): StoredEvent => ({
  seq: 1,
  vm,
  event: fresh('NIC_RX_FILTER_CHANGED'),
  timestamp: { seconds: 1, microseconds: 0 },
  receivedAt: 0,
  data: { name: fresh('net0'), path, list: [fresh('net0'), 3, { deep: fresh('net0') }] },
});

describe('StringPool', () => {
  it('returns equal strings and keeps the event otherwise unchanged', () => {
    const pool = new StringPool();
    const a = pool.internEvent(ev(fresh('vm-1'), fresh('/machine/net0')));
    const b = pool.internEvent(ev(fresh('vm-1'), fresh('/machine/net0')));
    expect(b).toEqual(ev('vm-1', '/machine/net0'));
    expect(a).toEqual(b);
    // one pooled copy per distinct string: vm, event, "net0", the path
    expect(pool.size).toBe(4);
  });
  it('stops pooling at its capacity but still returns every string unchanged', () => {
    const pool = new StringPool(2);
    expect(['a', 'b', 'c', 'a', 'c'].map((s) => pool.intern(fresh(s)))).toEqual(['a', 'b', 'c', 'a', 'c']);
    expect(pool.size).toBe(2);
  });
  it('leaves long strings unpooled', () => {
    const pool = new StringPool();
    pool.intern('x'.repeat(500));
    expect(pool.size).toBe(0);
  });
});
