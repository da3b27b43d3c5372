import { describe, expect, it } from 'vitest';
import { codeOf, INLINE_CHARS, moreText, peerPlain, peerText, VALUE_CHARS } from './peerText';

const plain = (s: string, max?: number) =>
  peerText(s, max)
    .segments.map((g) => g.text)
    .join('');

describe('peerText', () => {
  it('shows a bidi override as a code, so "evil" is not drawn reversed', () => {
    const r = peerText('\u202Elive');
    expect(r.segments).toEqual([
      { text: '⟨U+202E⟩', escape: true },
      { text: 'live', escape: false },
    ]);
    expect(r.more).toBe(0);
  });

  it('codes every control, bidi and zero-width character, and only those', () => {
    const hidden = [
      '\u0000',
      '\u0007',
      '\n',
      '\u001B',
      '\u007F',
      '\u0085',
      '\u009F',
      '\u00AD',
      '\u034F',
      '\u061C',
      '\u115F',
      '\u1160',
      '\u17B4',
      '\u17B5',
      '\u180E',
      '\u200B',
      '\u200C',
      '\u200D',
      '\u200E',
      '\u200F',
      '\u2028',
      '\u2029',
      '\u202A',
      '\u202B',
      '\u202C',
      '\u202D',
      '\u202E',
      '\u2060',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '\u3164',
      '\uFEFF',
      '\uFFA0',
      '\u{E0041}',
    ];
    for (const ch of hidden) expect(plain(`a${ch}b`), `U+${ch.codePointAt(0)?.toString(16)}`).toBe(`a${codeOf(ch)}b`);
    for (const s of ['virtio-disk0', 'Ünïcödé ✓', 'שלום', 'مرحبا', '日本語', '😀 a 👍', '<img src=x onerror=alert(1)>']) {
      expect(peerText(s)).toEqual({ segments: [{ text: s, escape: false }], more: 0 });
    }
  });

  it('codes a surrogate half without its pair', () => {
    expect(plain('a\uD800b')).toBe('a⟨U+D800⟩b');
    expect(plain('a\uDC00')).toBe('a⟨U+DC00⟩');
  });

  it('draws at most the budget and counts the rest', () => {
    const big = 'x'.repeat(31_457_280);
    const r = peerText(big, VALUE_CHARS);
    expect(plain(big, VALUE_CHARS)).toBe('x'.repeat(VALUE_CHARS));
    expect(r.more).toBe(31_457_280 - VALUE_CHARS);
    expect(moreText(r.more)).toBe('… (31,455,280 more characters)');
    expect(peerText(big).more).toBe(31_457_280 - VALUE_CHARS);
    expect(peerText('ab', Infinity).more).toBe(0);
  });

  it('never cuts a surrogate pair in half', () => {
    const r = peerText(`${'a'.repeat(9)}😀b`, 10);
    expect(r.segments.map((g) => g.text).join('')).toBe('a'.repeat(9));
    expect(r.more).toBe(3);
  });

  it('as plain text: codes inline, then the count or a bare ellipsis', () => {
    expect(peerPlain('\u202Eevil')).toBe('⟨U+202E⟩evil');
    expect(peerPlain('d'.repeat(50_000))).toBe(`${'d'.repeat(INLINE_CHARS)} … (49,800 more characters)`);
    expect(peerPlain('abcdefghijklmnop', 11, 'ellipsis')).toBe('abcdefghijk…');
    expect(peerPlain('demo')).toBe('demo');
  });
});
