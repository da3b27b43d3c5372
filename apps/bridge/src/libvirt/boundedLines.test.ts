import { describe, expect, it } from 'vitest';
import { BoundedLines } from './boundedLines.js';

describe('BoundedLines', () => {
  it('joins lines split across chunks, drops an over-long one whole and reads on', () => {
    const lines: string[] = [];
    const tooLong: number[] = [];
    const reader = new BoundedLines(
      10,
      (l) => lines.push(l),
      (n) => tooLong.push(n),
    );
    reader.push(Buffer.from('ab'));
    reader.push(Buffer.from('c\r\n0123456'));
    reader.push(Buffer.from('789abcdef\nok\n'));
    reader.push(Buffer.from('é'.repeat(3)));
    reader.push(Buffer.from('\n'));
    expect(lines).toEqual(['abc', 'ok', 'ééé']);
    expect(tooLong).toEqual([16]);
  });
});
