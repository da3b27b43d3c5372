import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '@qmpscope/events';
import { NameCounts } from './nameCounts';

const ev = (seq: number, event: string): StoredEvent => ({
  seq,
  vm: 'a',
  event,
  timestamp: { seconds: 1, microseconds: 0 },
  receivedAt: 0,
});

describe('NameCounts', () => {
  it('counts names and only looks at new events on update', () => {
    const events = [ev(1, 'STOP'), ev(2, 'RESUME')];
    const c = new NameCounts();
    expect([...c.update(events)]).toEqual([
      ['STOP', 1],
      ['RESUME', 1],
    ]);
    events.push(ev(3, 'STOP'));
    expect(c.update(events).get('STOP')).toBe(2);
    expect(c.update(events).get('STOP')).toBe(2);
  });
});
