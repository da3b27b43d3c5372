/** QEMU answered a command with `{"error": {"class", "desc"}}`. */
export class QmpError extends Error {
  override readonly name = 'QmpError';
  constructor(
    /** QEMU's error class: GenericError, CommandNotFound, DeviceNotFound, ... */
    readonly errorClass: string,
    /** QEMU's human-readable description. */
    readonly desc: string,
    command?: string,
  ) {
    super(command === undefined ? `${errorClass}: ${desc}` : `QMP command "${command}" failed: ${errorClass}: ${desc}`);
  }
}
