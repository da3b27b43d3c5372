/**
 * Serialises a QMP message the way QEMU can send it: bigint values become bare
 * integer literals (uint64 fields such as GUEST_PANICKED's Hyper-V arguments),
 * which JSON.stringify cannot write.
 */
export function toQmpJson(value: unknown): string {
  let sawBigint = false;
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== 'bigint') return v;
    sawBigint = true;
    return `\u0000bigint:${v.toString()}\u0000`;
  });
  return sawBigint ? text.replace(/"\\u0000bigint:(-?\d+)\\u0000"/g, '$1') : text;
}

/** One event line as QEMU writes it: timestamp first, CRLF after the object. */
export function eventLine(event: string, data: object | undefined, epochMicros: number): string {
  const seconds = Math.floor(epochMicros / 1e6);
  const microseconds = Math.floor(epochMicros - seconds * 1e6);
  const head = `{"timestamp": {"seconds": ${seconds}, "microseconds": ${microseconds}}, "event": ${JSON.stringify(event)}`;
  return data === undefined ? `${head}}\r\n` : `${head}, "data": ${toQmpJson(data)}}\r\n`;
}

export function nowMicros(): number {
  return Math.floor(performance.timeOrigin * 1000 + performance.now() * 1000);
}
