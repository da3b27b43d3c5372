import { useState } from 'react';

/**
 * Copies text to the clipboard and says how that went: "Copied", or why it failed followed by
 * `fallback` (what the user can do instead). `text` may be a function, so a large text is made
 * only when the user asks for it.
 */
export function useCopy(fallback: string): { copy: (text: string | (() => string)) => Promise<void>; note: string | null } {
  const [note, setNote] = useState<string | null>(null);
  const copy = async (text: string | (() => string)) => {
    try {
      await navigator.clipboard.writeText(typeof text === 'function' ? text() : text);
      setNote('Copied');
    } catch (err) {
      setNote(`Copy failed (${err instanceof Error ? err.message : String(err)}): ${fallback}`);
    }
  };
  return { copy, note };
}
