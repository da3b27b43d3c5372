/**
 * What an import accepts. The bridge takes QMP lines up to 1 MiB by default, so no event it
 * stored holds a longer string; a longer one in a file came from elsewhere and would cost the
 * page seconds to draw (a 100 MB string crashed the tab), so its line is skipped with the reason.
 */
export const MAX_STRING_CHARS = 1024 * 1024;
/** Room for one event of the bridge's largest string plus our export's fields, and a margin. */
export const MAX_LINE_CHARS = 2 * 1024 * 1024;

const count = (n: number) => n.toLocaleString('en-US');

export function stringTooLong(chars: number): string {
  return `a string of ${count(chars)} characters exceeds the 1 MiB limit (${count(MAX_STRING_CHARS)} characters)`;
}

export function lineTooLong(chars: number): string {
  return `the line's ${count(chars)} characters exceed the 2 MiB limit (${count(MAX_LINE_CHARS)} characters)`;
}

/**
 * The length of the longest string (value or key) in a parsed JSON value, or the first length
 * over `limit` as soon as one is found. Walks with a stack of its own: no depth overflows it.
 */
export function longestString(value: unknown, limit: number): number {
  let longest = 0;
  const todo: unknown[] = [value];
  while (todo.length > 0) {
    const v = todo.pop();
    if (typeof v === 'string') longest = Math.max(longest, v.length);
    else if (Array.isArray(v)) for (const x of v) todo.push(x);
    else if (typeof v === 'object' && v !== null) {
      for (const [k, x] of Object.entries(v)) {
        longest = Math.max(longest, k.length);
        todo.push(x);
      }
    }
    if (longest > limit) return longest;
  }
  return longest;
}
