import { enumValues } from '../define.js';
import type { EnumTypeInfo } from '../model.js';

export const ShutdownCause: EnumTypeInfo = {
  kind: 'enum',
  name: 'ShutdownCause',
  description: 'Why QEMU shut down or reset the VM (the `reason` of SHUTDOWN and RESET).',
  since: '4.0',
  values: enumValues([
    ['none', 'No shutdown or reset is in progress.', '4.0', false],
    ['host-error', 'QEMU hit an error it could not recover from.', '4.0', false],
    ['host-qmp-quit', 'A QMP client sent "quit".', '4.0', false],
    ['host-qmp-system-reset', 'A QMP client sent "system_reset".', '4.0', false],
    ['host-signal', 'QEMU received a signal such as SIGINT or SIGTERM.', '4.0', false],
    ['host-ui', 'The user closed the display window or used a UI menu.', '4.0', false],
    ['guest-shutdown', 'The guest asked to power off (ACPI, firmware, ...).', '4.0', false],
    ['guest-reset', 'The guest asked to reboot.', '4.0', false],
    ['guest-panic', 'The guest panicked and the panic action is a shutdown.', '4.0', false],
    ['subsystem-reset', 'Part of the machine was reset (e.g. by s390 firmware), not the whole VM.', '4.0', false],
  ]),
};
