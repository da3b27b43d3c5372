import { describe, expect, it } from 'vitest';
import { timeDomain, valueDomain } from './valueDomain';

const pt = (x: number, y: number) => ({ x, y, seq: x });

describe('valueDomain', () => {
  it('spans 0 to the largest value, or below 0 for negative values', () => {
    expect(
      valueDomain([
        ['a', [pt(1, 5), pt(2, 9)]],
        ['b', [pt(1, 3)]],
      ]),
    ).toEqual([0, 9]);
    expect(valueDomain([['a', [pt(1, -20), pt(2, 4)]]])).toEqual([-20, 4]);
  });

  it('never collapses to an empty range', () => {
    expect(valueDomain([])).toEqual([0, 1]);
    expect(valueDomain([['a', [pt(1, 0)]]])).toEqual([0, 1]);
  });
});

describe('timeDomain', () => {
  it('spans the earliest to the latest point of all series', () => {
    expect(
      timeDomain([
        ['a', [pt(5, 0), pt(9, 0)]],
        ['b', [pt(2, 0)]],
      ]),
    ).toEqual([2, 9]);
    expect(timeDomain([['a', []]])).toEqual([NaN, NaN]);
  });
});
