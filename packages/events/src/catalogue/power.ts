import { readBoolean, readName } from '../dataReader.js';
import { defineEvent, field, laterField } from '../define.js';
import type { EventInfo, Severity } from '../model.js';

/** "by guest (guest-shutdown)", "by host (host-qmp-quit)", "(host-signal)" or undefined. */
function whoAndWhy(data: unknown): string | undefined {
  const guest = readBoolean(data, 'guest');
  const reason = readName(data, 'reason');
  const who = guest === undefined ? undefined : guest ? 'by guest' : 'by host';
  const why = reason === undefined ? undefined : `(${reason})`;
  if (who === undefined) return why;
  return why === undefined ? who : `${who} ${why}`;
}

function severityFromReason(data: unknown): Severity | undefined {
  const reason = readName(data, 'reason');
  if (reason === 'host-error') return 'error';
  if (reason === 'guest-panic') return 'warning';
  return undefined;
}

const guestAndReason = (act: 'shutdown' | 'reset') => [
  field(
    'guest',
    'bool',
    act === 'shutdown'
      ? 'True when the guest itself asked to power off (e.g. ACPI shutdown); false when the host did (signal, QMP "quit", UI).'
      : 'True when the guest itself asked to reboot; false when the host did (e.g. QMP "system_reset").',
    { since: '2.10' },
  ),
  laterField('reason', 'ShutdownCause', '4.0', `Precise cause of the ${act}, finer than \`guest\`.`),
];

export const powerEvents: EventInfo[] = [
  defineEvent({
    name: 'SHUTDOWN',
    summary: 'The VM has shut down; QEMU is about to exit.',
    category: 'power',
    severity: 'notice',
    since: '0.12.0',
    fields: guestAndReason('shutdown'),
    notes: [
      'With -no-shutdown QEMU stays alive and a STOP event follows instead of the socket closing.',
      'QEMU may send a second SHUTDOWN after SIGTERM.',
    ],
    describe: whoAndWhy,
    severityFor: severityFromReason,
  }),
  defineEvent({
    name: 'POWERDOWN',
    summary: "The VM's power button was pressed (ACPI power-down request); the guest decides whether to shut down.",
    category: 'power',
    severity: 'notice',
    since: '0.12.0',
  }),
  defineEvent({
    name: 'RESET',
    summary: 'The VM was reset (rebooted).',
    category: 'power',
    severity: 'notice',
    since: '0.12.0',
    fields: guestAndReason('reset'),
    describe: whoAndWhy,
    severityFor: severityFromReason,
  }),
  defineEvent({
    name: 'SUSPEND',
    summary: 'The guest entered suspend-to-RAM (ACPI S3, standby).',
    category: 'power',
    severity: 'info',
    since: '1.1',
  }),
  defineEvent({
    name: 'SUSPEND_DISK',
    summary: 'The guest hibernated (suspend-to-disk, ACPI S4); QEMU then exits.',
    category: 'power',
    severity: 'notice',
    since: '1.2',
    notes: ['QEMU shuts down after this event, much like after SHUTDOWN.'],
  }),
  defineEvent({
    name: 'WAKEUP',
    summary: 'The guest woke from suspend and is running again.',
    category: 'power',
    severity: 'info',
    since: '1.1',
  }),
];
