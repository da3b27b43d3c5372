import { describe, expect, it } from 'vitest';
import { parsePendingUpdate } from './pendingUpdate.js';

const event = {
  localSeq: 41,
  vm: 'hv1/vm1',
  event: 'STOP',
  timestamp: { seconds: 1700000000, microseconds: 5 },
  receivedAt: 1700000000000.5,
};

describe('parsePendingUpdate', () => {
  it('keeps a well-formed update, its events with their local seq and without stray keys', () => {
    const update = { replace: true, through: 40, total: 2, events: [event, { ...event, localSeq: 42, data: { a: 1 }, extra: 'x' }] };
    expect(parsePendingUpdate(update)).toEqual({
      replace: true,
      through: 40,
      total: 2,
      events: [event, { ...event, localSeq: 42, data: { a: 1 } }],
    });
  });

  it('refuses the whole update when any part is malformed', () => {
    const good = { replace: false, through: 0, total: 1, events: [event] };
    for (const bad of [
      null,
      [],
      { ...good, replace: 'yes' },
      { ...good, through: -1 },
      { ...good, total: 1.5 },
      { ...good, events: {} },
      { ...good, events: [{ ...event, localSeq: '41' }] },
      { ...good, events: [{ ...event, seq: 41, localSeq: undefined }] },
      { ...good, events: [{ ...event, vm: '' }] },
      { ...good, events: [{ ...event, data: [1] }] },
    ])
      expect(parsePendingUpdate(bad)).toBeNull();
  });
});
