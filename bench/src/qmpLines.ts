/**
 * A block of QMP event lines as QEMU writes them (CRLF, a space after ':' and ','), in the mix the
 * flood simulator sends: the small events a busy fleet produces most.
 */
export function qmpEventBlock(lines: number, startMicros: number): string {
  let out = '';
  for (let n = 0; n < lines; n++) {
    const us = startMicros + n;
    const seconds = Math.floor(us / 1e6);
    const micro = us - seconds * 1e6;
    const ts = `{"timestamp": {"seconds": ${seconds}, "microseconds": ${micro}}, `;
    out +=
      n % 3 === 0
        ? `${ts}"event": "BALLOON_CHANGE", "data": {"actual": ${1073741824 + (n % 1024) * 1048576}}}\r\n`
        : n % 3 === 1
          ? `${ts}"event": "RTC_CHANGE", "data": {"offset": ${n % 7200}, "qom-path": "/machine/unattached/device[8]"}}\r\n`
          : `${ts}"event": "NIC_RX_FILTER_CHANGED", "data": {"name": "net0", "path": "/machine/peripheral/net0/virtio-backend"}}\r\n`;
  }
  return out;
}

export const BLOCK_LINES = 10_000;
/** Fixed, so the writer process and the ceiling in the parent see byte-identical lines. */
export const BLOCK_START_MICROS = 1_700_000_000_000_000;
