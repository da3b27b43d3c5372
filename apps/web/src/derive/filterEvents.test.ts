import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '@qmpscope/events';
import { filterEvents, type Filters } from './filterEvents';

const none: Filters = { vms: [], names: [], categories: [], severities: [], text: '' };
const all = { from: -Infinity, to: Infinity };
const ev = (seq: number, vm: string, event: string, data?: StoredEvent['data']): StoredEvent => ({
  seq,
  vm,
  event,
  ...(data ? { data } : {}),
  timestamp: { seconds: 1000 + seq, microseconds: 500 },
  receivedAt: 0,
});
const events = [
  ev(1, 'web', 'STOP'),
  ev(2, 'db', 'BALLOON_CHANGE', { actual: 1073741824 }),
  ev(3, 'web', 'GUEST_PANICKED', { action: 'pause' }),
  ev(4, 'db', 'DEVICE_DELETED', { device: 'Virtio-Disk0', path: '/machine/peripheral/virtio-disk0' }),
];
const seqs = (xs: StoredEvent[]) => xs.map((e) => e.seq);

describe('filterEvents', () => {
  it('keeps everything without filters', () => {
    expect(seqs(filterEvents(events, none, all))).toEqual([1, 2, 3, 4]);
  });
  it('filters by vm and by name (any of a list)', () => {
    expect(seqs(filterEvents(events, { ...none, vms: ['db'] }, all))).toEqual([2, 4]);
    expect(seqs(filterEvents(events, { ...none, names: ['STOP', 'GUEST_PANICKED'] }, all))).toEqual([1, 3]);
    expect(seqs(filterEvents(events, { ...none, vms: ['web'], names: ['BALLOON_CHANGE'] }, all))).toEqual([]);
  });
  it('searches case-insensitively through vm, name and data', () => {
    expect(seqs(filterEvents(events, { ...none, text: 'virtio-DISK0' }, all))).toEqual([4]);
    expect(seqs(filterEvents(events, { ...none, text: '  panicked ' }, all))).toEqual([3]);
  });
  it('filters by severity and category from the catalogue', () => {
    expect(seqs(filterEvents(events, { ...none, severities: ['error'] }, all))).toEqual([3]);
    expect(seqs(filterEvents(events, { ...none, categories: ['memory'] }, all))).toEqual([2]);
  });
  it('applies the time window on the QEMU timestamp, inclusive', () => {
    expect(seqs(filterEvents(events, none, { from: 1_002_000.5, to: 1_003_000.5 }))).toEqual([2, 3]);
  });
  it('stops at upto (events that arrived while paused)', () => {
    expect(seqs(filterEvents(events, none, all, 2))).toEqual([1, 2]);
  });
  it('is a single fast pass over 100k events', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => ev(i + 1, i % 2 ? 'a' : 'b', 'STOP'));
    const t0 = performance.now();
    expect(filterEvents(many, { ...none, vms: ['a'] }, all)).toHaveLength(50_000);
    expect(performance.now() - t0).toBeLessThan(200);
  });
});
