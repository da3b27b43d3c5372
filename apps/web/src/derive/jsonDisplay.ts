import { keepChars } from './peerText';

/** A piece of pretty-printed JSON: punctuation and numbers as they are, or one string literal. */
export type JsonPart =
  | { kind: 'syntax'; text: string }
  /** `literal` is the JSON text of the string's first characters, quotes included; `more` counts the characters left out. */
  | { kind: 'string'; literal: string; more: number };

/**
 * A JSON value (or a typed object made of them) laid out as JSON.stringify(value, null, 2) does, with every string (keys too) cut to
 * its first `maxString` characters: the raw JSON of an event holding a 30 MB string is drawn in
 * milliseconds, and the parts say where something was left out. Walks without recursion, so no
 * depth of input can overflow the stack.
 */
export function jsonParts(value: unknown, maxString: number): JsonPart[] {
  const parts: JsonPart[] = [];
  let syntax = '';
  const flush = () => {
    if (syntax !== '') parts.push({ kind: 'syntax', text: syntax });
    syntax = '';
  };
  const str = (s: string) => {
    flush();
    const n = keepChars(s, maxString);
    parts.push({ kind: 'string', literal: JSON.stringify(n === s.length ? s : s.slice(0, n)), more: s.length - n });
  };
  // Work items: a value to write at an indent, or text to write.
  type Item = { v: unknown; indent: string } | { text: string } | { key: string };
  const stack: Item[] = [{ v: value, indent: '' }];
  while (stack.length > 0) {
    const item = stack.pop() as Item;
    if ('text' in item) {
      syntax += item.text;
      continue;
    }
    if ('key' in item) {
      str(item.key);
      syntax += ': ';
      continue;
    }
    const { v, indent } = item;
    if (typeof v === 'string') str(v);
    else if (v === null || typeof v !== 'object') syntax += JSON.stringify(v) ?? 'null';
    else {
      const inner = `${indent}  `;
      const isArray = Array.isArray(v);
      // As JSON.stringify: members that are undefined (a StoredEvent without data) are left out.
      const entries: Array<[string | null, unknown]> = isArray
        ? (v as unknown[]).map((x) => [null, x])
        : Object.entries(v).filter((e) => e[1] !== undefined);
      if (entries.length === 0) {
        syntax += isArray ? '[]' : '{}';
        continue;
      }
      syntax += isArray ? '[' : '{';
      const todo: Item[] = [];
      entries.forEach(([k, x], i) => {
        todo.push({ text: `${i === 0 ? '' : ','}\n${inner}` });
        if (k !== null) todo.push({ key: k });
        todo.push({ v: x, indent: inner });
      });
      todo.push({ text: `\n${indent}${isArray ? ']' : '}'}` });
      for (let i = todo.length - 1; i >= 0; i--) stack.push(todo[i] as Item);
    }
  }
  flush();
  return parts;
}

/** True when some string was cut. */
export function anyCut(parts: readonly JsonPart[]): boolean {
  return parts.some((p) => p.kind === 'string' && p.more > 0);
}

/**
 * The first parts of `parts` holding about `maxChars` characters of JSON, and how many characters
 * the rest hold: an event of 100,000 small fields is as costly to draw as one 30 MB string.
 */
export function firstParts(parts: readonly JsonPart[], maxChars: number): { shown: readonly JsonPart[]; restChars: number } {
  let chars = 0;
  let i = 0;
  for (; i < parts.length && chars < maxChars; i++) {
    const p = parts[i] as JsonPart;
    chars += p.kind === 'syntax' ? p.text.length : p.literal.length;
  }
  if (i === parts.length) return { shown: parts, restChars: 0 };
  let restChars = 0;
  for (let j = i; j < parts.length; j++) {
    const p = parts[j] as JsonPart;
    restChars += p.kind === 'syntax' ? p.text.length : p.literal.length + p.more;
  }
  return { shown: parts.slice(0, i), restChars };
}
