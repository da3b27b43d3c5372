import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '@qmpscope/events';
import { neighbours } from './neighbours';

const ev = (seq: number, vm: string, event: string): StoredEvent => ({
  seq,
  vm,
  event,
  timestamp: { seconds: seq, microseconds: 0 },
  receivedAt: 0,
});

describe('neighbours', () => {
  const events = [ev(1, 'a', 'STOP'), ev(2, 'b', 'STOP'), ev(3, 'a', 'RESUME'), ev(4, 'b', 'RESUME'), ev(5, 'a', 'STOP')];
  it('finds the nearest of the same vm and of the same name on both sides', () => {
    const n = neighbours(events, 2);
    expect(n.prevSameVm?.seq).toBe(1);
    expect(n.nextSameVm?.seq).toBe(5);
    expect(n.prevSameName).toBeUndefined();
    expect(n.nextSameName?.seq).toBe(4);
  });
  it('is empty at the edges and for a bad index', () => {
    expect(neighbours(events, 0).prevSameVm).toBeUndefined();
    expect(neighbours(events, 4).nextSameName).toBeUndefined();
    expect(neighbours(events, 4).prevSameName?.seq).toBe(2);
    expect(neighbours(events, 99)).toEqual({
      prevSameVm: undefined,
      nextSameVm: undefined,
      prevSameName: undefined,
      nextSameName: undefined,
    });
  });
  it('looks no further than the end it is given (a view over an array that grew)', () => {
    const n = neighbours(events, 2, 4);
    expect(n.nextSameVm).toBeUndefined();
    expect(n.nextSameName?.seq).toBe(4);
  });
});
