/**
 * How the page shows a string it did not write (QMP event data and names, a VM's query-name,
 * an imported file's lines): at most a budget of characters, with the characters that act
 * without being seen (C0/C1 controls, bidi controls, zero-width and other invisible format
 * characters, lone surrogates) replaced by a visible code such as ⟨U+202E⟩. An override shown
 * as a code cannot reverse the text around it ("evil" read as "live"), and a 30 MB string costs
 * no more to draw than its first characters.
 */

/** Budget for narrow places that wrap (a VM card, the detail pane's heading): a few lines at most. */
export const SHORT_CHARS = 80;
/** Budget for one-line places: the event list's summary, tooltips, legends, labels. */
export const INLINE_CHARS = 200;
/** Budget for one value in the detail pane (fields table, raw JSON) and for the search index. */
export const VALUE_CHARS = 2_000;

export interface PeerSegment {
  text: string;
  /** True for a code that stands for an invisible or control character. */
  escape: boolean;
}

export interface PeerText {
  segments: PeerSegment[];
  /** Characters (UTF-16 code units) of the string left out after the shown ones; 0 when all is shown. */
  more: number;
}

/**
 * The characters shown as codes: C0 and C1 controls and DEL; soft hyphen; combining grapheme
 * joiner; Arabic letter mark; the blank Hangul fillers and Khmer inherent vowels; Mongolian vowel
 * separator; zero-width space, ZWNJ, ZWJ, LRM, RLM; line and paragraph separators; the bidi
 * embeddings and overrides U+202A–U+202E; word joiner, invisible operators and the bidi isolates
 * U+2066–U+2069; BOM/ZWNBSP; interlinear annotation marks; tag characters; and any surrogate half
 * without its pair.
 */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex, no-misleading-character-class -- control and combining characters are exactly what this class finds.
  /[\u0000-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u2028-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB\u{E0000}-\u{E007F}]|[\uD800-\uDFFF]/gu;

/** "⟨U+202E⟩": the code of a character in the form the page shows it. */
export function codeOf(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  return `⟨U+${cp.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/** How many code units of `s` to keep: at most `max`, never half a surrogate pair. */
export function keepChars(s: string, max: number): number {
  if (s.length <= max) return s.length;
  const last = s.charCodeAt(max - 1);
  return max > 0 && last >= 0xd800 && last <= 0xdbff ? max - 1 : max;
}

/** `s` as segments to draw, at most `max` characters of it. */
export function peerText(s: string, max: number = VALUE_CHARS): PeerText {
  const cut = keepChars(s, max);
  const head = cut === s.length ? s : s.slice(0, cut);
  const segments: PeerSegment[] = [];
  let from = 0;
  for (const m of head.matchAll(INVISIBLE)) {
    if (m.index > from) segments.push({ text: head.slice(from, m.index), escape: false });
    segments.push({ text: codeOf(m[0]), escape: true });
    from = m.index + m[0].length;
  }
  if (from < head.length || segments.length === 0) segments.push({ text: head.slice(from), escape: false });
  return { segments, more: s.length - cut };
}

/** "… (31,457,280 more characters)" */
export function moreText(more: number): string {
  return `… (${more.toLocaleString('en-US')} more character${more === 1 ? '' : 's'})`;
}

/**
 * `s` as one plain string for places that take no markup (title attributes, SVG text and
 * titles): codes inline, and past `max` characters either the count of the rest or, where
 * room is short (`'ellipsis'`), a bare "…".
 */
export function peerPlain(s: string, max: number = INLINE_CHARS, rest: 'count' | 'ellipsis' = 'count'): string {
  const { segments, more } = peerText(s, max);
  const text = segments.length === 1 ? (segments[0] as PeerSegment).text : segments.map((g) => g.text).join('');
  if (more === 0) return text;
  return rest === 'ellipsis' ? `${text}…` : `${text} ${moreText(more)}`;
}
