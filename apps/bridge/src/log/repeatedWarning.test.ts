import { describe, expect, it } from 'vitest';
import { RepeatedWarning } from './repeatedWarning.js';

describe('RepeatedWarning', () => {
  it('writes the first at once, counts the rest of the window, and says how many it held back', () => {
    const lines: string[] = [];
    let now = 0;
    const w = new RepeatedWarning((l) => lines.push(l), 1000, () => now);
    w.note('a');
    for (let i = 0; i < 500; i++) w.note('b');
    expect(lines).toEqual(['a']);
    now = 1000;
    w.note('c');
    expect(lines).toEqual(['a', 'c (and 500 more since the last one shown)']);
  });
});
