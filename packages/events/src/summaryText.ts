/** Building blocks of one-line summaries: parts a summary may or may not have. */

/** Joins the defined, non-empty parts with spaces; undefined when none is left. */
export function joinParts(...parts: Array<string | undefined | false>): string | undefined {
  const kept = parts.filter((p): p is string => typeof p === 'string' && p.length > 0);
  return kept.length > 0 ? kept.join(' ') : undefined;
}

/** "text: error", or whichever of the two exists. */
export function withError(text: string | undefined, error: string | undefined): string | undefined {
  if (error === undefined) return text;
  return text === undefined ? error : `${text}: ${error}`;
}
