/** Nesting shown before a preview writes `…` instead of going deeper. */
const PREVIEW_DEPTH = 8;

/**
 * A short JSON-like text of any value from a peer, for messages and logs. Untrusted values are
 * never given to JSON.stringify or String() whole: both recurse without a bound (an array nested
 * 5,000 deep throws RangeError) and copy every byte. This walks at most PREVIEW_DEPTH levels and
 * stops once `maxChars` are written, so its cost and stack are bounded whatever it is given.
 */
export function previewValue(value: unknown, maxChars = 200): string {
  const out = new PreviewText(maxChars);
  out.value(value, 0);
  return out.text();
}

class PreviewText {
  private readonly parts: string[] = [];
  private length = 0;
  private cut = false;

  constructor(private readonly max: number) {}

  text(): string {
    const text = this.parts.join('');
    return this.cut ? `${text}…` : text;
  }

  value(v: unknown, depth: number): void {
    if (this.cut) return;
    if (typeof v === 'string') return this.string(v);
    if (typeof v === 'number' || typeof v === 'boolean' || v === null) return this.write(String(v));
    if (v === undefined) return this.write('undefined');
    if (typeof v === 'bigint') return this.write(`${v.toString()}n`);
    if (typeof v !== 'object') return this.write(`<${typeof v}>`);
    if (depth >= PREVIEW_DEPTH) return this.write(Array.isArray(v) ? '[…]' : '{…}');
    if (Array.isArray(v)) return this.array(v, depth);
    this.object(v as Record<string, unknown>, depth);
  }

  private array(v: readonly unknown[], depth: number): void {
    this.write('[');
    for (let i = 0; i < v.length && !this.cut; i++) {
      if (i > 0) this.write(',');
      this.value(v[i], depth + 1);
    }
    this.write(']');
  }

  private object(v: Record<string, unknown>, depth: number): void {
    this.write('{');
    let first = true;
    for (const key in v) {
      if (this.cut) break;
      if (!Object.prototype.hasOwnProperty.call(v, key)) continue;
      if (!first) this.write(',');
      first = false;
      this.string(key);
      this.write(':');
      this.value(v[key], depth + 1);
    }
    this.write('}');
  }

  /** A string, quoted and escaped like JSON, of which only what fits is copied. */
  private string(s: string): void {
    const room = this.max - this.length;
    this.write(JSON.stringify(s.length > room ? s.slice(0, Math.max(0, room)) : s), s.length > room);
  }

  private write(piece: string, truncated = false): void {
    if (this.cut) return;
    const room = this.max - this.length;
    if (piece.length > room || truncated) {
      this.parts.push(piece.slice(0, Math.max(0, room)));
      this.length = this.max;
      this.cut = true;
      return;
    }
    this.parts.push(piece);
    this.length += piece.length;
  }
}
