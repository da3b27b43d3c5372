/**
 * "just now", "12 s ago", "3 min ago", "2 h ago", "4 d ago"; "in 2 s" when the
 * event's clock is ahead of ours (QEMU's host clock and the browser's differ).
 * Whole units, rounded down, so the text changes at most once a second.
 */
export function formatAge(eventMs: number, nowMs: number): string {
  const diff = nowMs - eventMs;
  if (!Number.isFinite(diff)) return '';
  const s = Math.floor(Math.abs(diff) / 1000);
  if (s < 1) return 'just now';
  const text =
    s < 60 ? `${s} s` : s < 3600 ? `${Math.floor(s / 60)} min` : s < 86_400 ? `${Math.floor(s / 3600)} h` : `${Math.floor(s / 86_400)} d`;
  return diff < 0 ? `in ${text}` : `${text} ago`;
}
