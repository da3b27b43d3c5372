import { describe, expect, it } from 'vitest';
import { LineSplitter } from './lineSplitter';
import { JsonStringMeter } from './stringMeter';

function split(text: string, chunk: number, max: number) {
  const s = new LineSplitter(max);
  const out = [];
  for (let i = 0; i < text.length; i += chunk) out.push(...s.push(text.slice(i, i + chunk)));
  out.push(...s.end());
  return out;
}

describe('LineSplitter', () => {
  it('splits LF and CRLF lines cut anywhere, and keeps a last line without newline', () => {
    for (const chunk of [1, 3, 7, 1000]) expect(split('a\r\nbc\n\nd', chunk, 100)).toEqual(['a', 'bc', '', 'd']);
  });

  it('measures a line past the limit instead of holding it, and goes on with the next line', () => {
    const long = `{"event":"X","data":{"s":"${'y'.repeat(500)}","t":"z"}}`;
    for (const chunk of [1, 7, 64, 10_000]) {
      expect(split(`ok\n${long}\nafter\n`, chunk, 100)).toEqual(['ok', { chars: long.length, longestString: 500 }, 'after']);
    }
  });

  it('holds no more than the limit however long the line', () => {
    const s = new LineSplitter(1000);
    for (let i = 0; i < 1000; i++) s.push('x'.repeat(100_000));
    expect(s.end()).toEqual([{ chars: 100_000_000, longestString: 0 }]);
  });
});

describe('JsonStringMeter', () => {
  it('counts decoded characters of the longest string, escapes as one', () => {
    const m = new JsonStringMeter();
    const text = JSON.stringify({ a: 'x"\\\n\u0001é', longer: 'abcdefgh' });
    for (const ch of text) m.feed(ch);
    expect(m.longest).toBe(8);
    const n = new JsonStringMeter();
    n.feed('{"a":"\\u00e9\\u00e9\\"\\\\"}');
    expect(n.longest).toBe(4);
  });
});
