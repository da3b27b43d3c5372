import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '@qmpscope/events';
import { searchTextOf } from './eventFacets';
import { VALUE_CHARS } from './peerText';

const event = (data: StoredEvent['data']): StoredEvent => ({
  seq: 1,
  vm: 'vm1',
  event: 'DEVICE_DELETED',
  data,
  timestamp: { seconds: 1, microseconds: 0 },
  receivedAt: 1000,
});

describe('searchTextOf', () => {
  it('holds the first VALUE_CHARS characters of each string and key, not a 30 MB copy', () => {
    const huge = `Virtio-Disk7${'x'.repeat(30 * 1024 * 1024)}TAIL`;
    const text = searchTextOf(event({ device: huge, path: '/machine/peripheral/net0', [`K${'k'.repeat(5_000_000)}`]: 1 }));
    expect(text.length).toBeLessThan(10 * VALUE_CHARS);
    expect(text).toContain('virtio-disk7');
    expect(text).toContain('/machine/peripheral/net0');
    expect(text).not.toContain('tail');
  });

  it('keeps short data whole, lowercased, as compact JSON', () => {
    expect(searchTextOf(event({ device: 'Net0', path: '/machine/peripheral/net0' }))).toContain(
      '{"device":"net0","path":"/machine/peripheral/net0"}',
    );
  });
});
