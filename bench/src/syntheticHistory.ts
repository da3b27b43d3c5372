import type { StoredEvent } from '@qmpscope/events';

/** An hour ago: the dashboard shows recent events, so history must look recent to be loaded and drawn. */
export const HISTORY_START_MICROS = Math.floor(Date.now() / 1000 - 3600) * 1_000_000;
/** A fleet at 10,000 events/s: one event every 100 µs of QEMU time. */
export const HISTORY_STEP_MICROS = 100;

export function vmName(i: number): string {
  return `vm-${String(i).padStart(4, '0')}`;
}

/**
 * The stored events `seq` .. `seq + count - 1` of a fleet of `vms` machines, round robin, in the
 * flood simulator's mix. Deterministic, so a case can compute which rows a query must return.
 */
export function historyBatch(firstSeq: number, count: number, vms: number): StoredEvent[] {
  const out: StoredEvent[] = [];
  for (let seq = firstSeq; seq < firstSeq + count; seq++) {
    const us = HISTORY_START_MICROS + seq * HISTORY_STEP_MICROS;
    const seconds = Math.floor(us / 1e6);
    const timestamp = { seconds, microseconds: us - seconds * 1e6 };
    const vm = vmName(seq % vms);
    const receivedAt = us / 1000 + 0.2;
    const kind = Math.floor(seq / vms) % 3;
    out.push(
      kind === 0
        ? { seq, vm, event: 'BALLOON_CHANGE', data: { actual: 1073741824 + (seq % 1024) * 1048576 }, timestamp, receivedAt }
        : kind === 1
          ? {
              seq,
              vm,
              event: 'RTC_CHANGE',
              data: { offset: seq % 7200, 'qom-path': '/machine/unattached/device[8]' },
              timestamp,
              receivedAt,
            }
          : {
              seq,
              vm,
              event: 'NIC_RX_FILTER_CHANGED',
              data: { name: 'net0', path: '/machine/peripheral/net0/virtio-backend' },
              timestamp,
              receivedAt,
            },
    );
  }
  return out;
}
