import { readBoolean, readInteger, readName } from '../dataReader.js';
import { joinParts } from '../summaryText.js';
import { defineEvent, field, laterField } from '../define.js';
import { formatSecondsOffset } from '../format/formatSecondsOffset.js';
import type { EventInfo, Severity } from '../model.js';

function describeOst(data: unknown): string | undefined {
  const slotType = readName(data, 'info', 'slot-type');
  const slot = readName(data, 'info', 'slot');
  const device = readName(data, 'info', 'device');
  const status = readInteger(data, 'info', 'status');
  return joinParts(
    slotType,
    slot !== undefined && `slot ${slot}`,
    device !== undefined && `(${device})`,
    status !== undefined && `status ${status === 0 ? 'ok' : `0x${status.toString(16)}`}`,
  );
}

function ostSeverity(data: unknown): Severity | undefined {
  const status = readInteger(data, 'info', 'status');
  return status !== undefined && status !== 0 ? 'warning' : undefined;
}

export const deviceEvents: EventInfo[] = [
  defineEvent({
    name: 'DEVICE_DELETED',
    summary: 'The guest released a device being removed; its ID may be reused.',
    category: 'devices',
    severity: 'info',
    since: '1.5',
    fields: [
      field('device', 'str', 'ID the device was added with, if it had one.', { optional: true }),
      field('path', 'str', "The device's path in the QOM tree (e.g. /machine/peripheral/net0)."),
    ],
    describe: (data) => readName(data, 'device') ?? readName(data, 'path'),
  }),
  defineEvent({
    name: 'NIC_RX_FILTER_CHANGED',
    summary: "A network card's receive filter (MAC address, multicast list) changed.",
    category: 'devices',
    severity: 'info',
    since: '1.6',
    fields: [
      field('name', 'str', 'Name of the network client (the NIC), if it has one.', { optional: true }),
      field('path', 'str', "The NIC's path in the QOM tree."),
    ],
    notes: ['Sent once, then not again for that NIC until someone runs query-rx-filter on it.'],
    describe: (data) => readName(data, 'name') ?? readName(data, 'path'),
  }),
  defineEvent({
    name: 'ACPI_DEVICE_OST',
    summary: 'The guest answered a hot-plug or unplug request (ACPI _OST).',
    category: 'devices',
    severity: 'info',
    since: '2.1',
    fields: [field('info', 'ACPIOSTInfo', 'Which slot and what the guest answered.')],
    describe: describeOst,
    severityFor: ostSeverity,
  }),
  defineEvent({
    name: 'VSERPORT_CHANGE',
    summary: 'The guest opened or closed a virtio-serial port (e.g. the guest agent channel).',
    category: 'devices',
    severity: 'info',
    since: '2.1',
    rateLimited: true,
    fields: [
      field('id', 'str', 'ID of the virtio-serial port device.'),
      field('open', 'bool', 'True when the guest opened the port, false when it closed it.'),
    ],
    describe: (data) => {
      const open = readBoolean(data, 'open');
      return joinParts(readName(data, 'id'), open === undefined ? undefined : open ? 'open' : 'closed');
    },
  }),
  defineEvent({
    name: 'RTC_CHANGE',
    summary: 'The guest set its real-time clock.',
    category: 'devices',
    severity: 'info',
    since: '0.13.0',
    rateLimited: true,
    fields: [
      field('offset', 'int', "The guest clock's new distance from the -rtc base (the host clock unless a fixed base was given).", {
        unit: 'seconds',
      }),
      laterField('qom-path', 'str', '8.0', 'Path of the RTC device in the QOM tree.'),
    ],
    notes: ['With a fixed "-rtc base=DATE", the offset is relative to that date, not to the host clock.'],
    describe: (data) => {
      const offset = readInteger(data, 'offset');
      return offset === undefined ? undefined : formatSecondsOffset(offset);
    },
  }),
];
