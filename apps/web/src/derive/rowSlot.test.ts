import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rowSlot, slotCount } from './rowSlot';

describe('rowSlot', () => {
  it('gives every row of a window its own slot', () => {
    fc.assert(
      fc.property(fc.nat(2_000_000), fc.nat(1000), (start, size) => {
        const end = start + size;
        const slots = slotCount(start, end);
        const keys = new Set<number>();
        for (let i = start; i < end; i++) keys.add(rowSlot(i, slots));
        expect(keys.size).toBe(size);
      }),
    );
  });
  it('keeps the slot of a row that stays in the window while scrolling', () => {
    expect(rowSlot(1000, slotCount(990, 1040))).toBe(rowSlot(1000, slotCount(995, 1045)));
  });
});
