import { timestampToMicros, type QmpTimestamp } from '@qmpscope/events';

/** The bridge's receive time (epoch ms) in QEMU's timestamp shape, so both read alike. */
export function receivedAsTimestamp(receivedAtMs: number): QmpTimestamp {
  const micros = Math.round(receivedAtMs * 1000);
  return { seconds: Math.floor(micros / 1e6), microseconds: micros % 1e6 };
}

/**
 * How long after QEMU's timestamp the bridge read the event, as text. QEMU sends rate-limited
 * events (BALLOON_CHANGE, RTC_CHANGE, ...) up to a second after their timestamp, so a large
 * delay is normal for those; null when QEMU could not read its clock (-1/-1).
 */
export function describeReceiveDelay(timestamp: QmpTimestamp, receivedAtMs: number): string | null {
  const emitted = timestampToMicros(timestamp);
  if (!Number.isFinite(emitted)) return null;
  const delayMs = (receivedAtMs * 1000 - emitted) / 1000;
  const magnitude = Math.abs(delayMs);
  const text =
    magnitude < 1 ? `${magnitude.toFixed(3)} ms` : magnitude < 1000 ? `${magnitude.toFixed(1)} ms` : `${(magnitude / 1000).toFixed(2)} s`;
  return delayMs >= 0 ? `${text} after QEMU's timestamp` : `${text} before QEMU's timestamp (clocks differ)`;
}
