import { describe, expect, it } from 'vitest';
import { rangeWithEdge } from './rangeEdge';

describe('rangeWithEdge', () => {
  const live = { from: -Infinity, to: Infinity };
  it('from a live window: start at the event, end now', () => {
    expect(rangeWithEdge('start', 1500.4, live, 9000, 100)).toEqual({ kind: 'absolute', from: 1500, to: 9000 });
  });
  it('from a live window: end at the event, start at the earliest event', () => {
    expect(rangeWithEdge('end', 1500.4, live, 9000, 100.7)).toEqual({ kind: 'absolute', from: 100, to: 1501 });
    expect(rangeWithEdge('end', 1500.4, { from: 1000, to: Infinity }, 9000, 100)).toEqual({ kind: 'absolute', from: 1000, to: 1501 });
  });
  it('keeps the other edge of an absolute window', () => {
    expect(rangeWithEdge('start', 2000, { from: 1000, to: 5000 }, 9000, 0)).toEqual({ kind: 'absolute', from: 2000, to: 5000 });
    expect(rangeWithEdge('end', 2000, { from: 1000, to: 5000 }, 9000, 0)).toEqual({ kind: 'absolute', from: 1000, to: 2000 });
  });
  it('refuses a start after the end, and never makes an empty window', () => {
    expect(rangeWithEdge('start', 6000, { from: 1000, to: 5000 }, 9000, 0)).toBeNull();
    expect(rangeWithEdge('end', 500, { from: 1000, to: 5000 }, 9000, 0)).toBeNull();
    expect(rangeWithEdge('start', 5000, { from: 1000, to: 5000 }, 9000, 0)).toEqual({ kind: 'absolute', from: 5000, to: 5001 });
  });
});
