import { describe, expect, it } from 'vitest';
import type { LogFields } from './log.js';
import { RepeatedWarning } from './repeatedWarning.js';

describe('RepeatedWarning', () => {
  it('writes the first at once, counts the rest of the window, and says how many it held back', () => {
    const lines: [string, LogFields][] = [];
    let now = 0;
    const w = new RepeatedWarning(
      (msg, fields) => lines.push([msg, fields]),
      1000,
      () => now,
    );
    w.note('a', { vm: 'x' });
    for (let i = 0; i < 500; i++) w.note('b');
    expect(lines).toEqual([['a', { vm: 'x' }]]);
    now = 1000;
    w.note('c', { vm: 'y' });
    expect(lines).toEqual([
      ['a', { vm: 'x' }],
      ['c', { vm: 'y', suppressed: 500 }],
    ]);
  });
});
