import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '@qmpscope/events';
import { decodeEntry, encodeEntryEvent } from './fleetEntry.js';

const ev: StoredEvent = { seq: 7, vm: 'vm1', event: 'STOP', timestamp: { seconds: 1, microseconds: 2 }, receivedAt: 3, data: { a: [1] } };

describe('fleet log entries', () => {
  it('round-trips an event under the fleet seq and the NODE/VM name', () => {
    const decoded = decodeEntry(['42-1', ['n', 'hv1', 'l', '7', 'e', encodeEntryEvent(ev)]]);
    expect(decoded).toEqual({ ok: true, node: 'hv1', localSeq: 7, event: { ...ev, seq: 42, vm: 'hv1/vm1' } });
  });

  it('gives the local seq as null when field l is absent or not a positive integer', () => {
    for (const l of [null, 'x', '0', '-3', '1.5']) {
      const fields = l === null ? ['n', 'hv1', 'e', encodeEntryEvent(ev)] : ['n', 'hv1', 'l', l, 'e', encodeEntryEvent(ev)];
      const decoded = decodeEntry(['42-1', fields]);
      expect(decoded.ok && decoded.localSeq).toBeNull();
    }
  });

  it('keeps an absent data key absent', () => {
    const { data: _d, ...bare } = ev;
    const decoded = decodeEntry(['1-1', ['n', 'hv1', 'e', encodeEntryEvent(bare)]]);
    expect(decoded.ok && 'data' in decoded.event).toBe(false);
  });

  it.each([
    ['a foreign ID', ['1733300000000-0', ['n', 'hv1', 'e', '{}']], /not written by qmpscope/],
    ['no node', ['5-1', ['e', encodeEntryEvent(ev)]], /no valid node name/],
    ['a node name that is not one', ['5-1', ['n', '../x', 'e', encodeEntryEvent(ev)]], /no valid node name/],
    ['no event', ['5-1', ['n', 'hv1']], /no event/],
    ['event not JSON', ['5-1', ['n', 'hv1', 'e', '{']], /not JSON/],
    ['event of the wrong shape', ['5-1', ['n', 'hv1', 'e', '{"vm":"a"}']], /not a QMP event record/],
    ['event JSON null', ['5-1', ['n', 'hv1', 'e', 'null']], /not a QMP event record/],
    ['not an entry', 'x', /not a stream entry/],
  ])('refuses %s with a reason', (_name, entry, reason) => {
    const decoded = decodeEntry(entry);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) {
      expect(decoded.reason).toMatch(reason);
      expect(decoded.id).toBe(Array.isArray(entry) ? entry[0] : null);
    }
  });
});
