import type { StoredEvent } from '@qmpscope/events';

/**
 * The instant an event happened, epoch ms (fractional, keeps microseconds).
 * QEMU's own timestamp wins because rate-limited events arrive up to a second
 * late; when QEMU could not read its clock (-1) the bridge's receive time is all we have.
 */
export function eventTimeMs(e: StoredEvent): number {
  const { seconds, microseconds } = e.timestamp;
  if (seconds < 0 || microseconds < 0) return e.receivedAt;
  return seconds * 1000 + microseconds / 1000;
}
