import { readName } from '../dataReader.js';
import { joinParts } from '../summaryText.js';
import { defineEvent, field } from '../define.js';
import type { EventInfo } from '../model.js';

export const guestHealthEvents: EventInfo[] = [
  defineEvent({
    name: 'WATCHDOG',
    summary: "The guest's watchdog timer ran out (the guest stopped feeding it) and QEMU took its configured action.",
    category: 'guest-health',
    severity: 'warning',
    since: '0.13.0',
    rateLimited: true,
    fields: [field('action', 'WatchdogExpirationAction', 'What QEMU did about it.')],
    notes: ['Actions reset, shutdown and pause are followed by RESET, SHUTDOWN and STOP respectively.'],
    describe: (data) => readName(data, 'action'),
  }),
  defineEvent({
    name: 'GUEST_PANICKED',
    summary: 'The guest operating system reported a panic (kernel crash, Windows blue screen).',
    category: 'guest-health',
    severity: 'error',
    since: '1.5',
    fields: [
      field('action', 'GuestPanicAction', 'What QEMU did about it.'),
      field('info', 'GuestPanicInformation', 'Crash details the guest provided, when the platform offers a way to pass them.', {
        optional: true,
        since: '2.9',
      }),
    ],
    notes: ['Needs a panic device the guest knows (pvpanic, Hyper-V crash MSRs, s390); otherwise a panic goes unnoticed.'],
    describe: (data) => {
      const infoType = readName(data, 'info', 'type');
      return joinParts(readName(data, 'action'), infoType !== undefined && `(${infoType})`);
    },
  }),
];
