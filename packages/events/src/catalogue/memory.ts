import { readInteger, readName } from '../dataReader.js';
import { joinParts, withError } from '../summaryText.js';
import { defineEvent, field } from '../define.js';
import { formatBytes } from '../format/formatBytes.js';
import type { EventInfo, Severity } from '../model.js';

function describeDump(data: unknown): string | undefined {
  const status = readName(data, 'result', 'status');
  const total = readInteger(data, 'result', 'total');
  const completed = readInteger(data, 'result', 'completed');
  const error = readName(data, 'error');
  const size =
    completed === undefined
      ? undefined
      : total === undefined || total === completed
        ? formatBytes(completed)
        : `${formatBytes(completed)} of ${formatBytes(total)}`;
  return withError(joinParts(status, size), error);
}

function dumpSeverity(data: unknown): Severity | undefined {
  return readName(data, 'result', 'status') === 'failed' || readName(data, 'error') !== undefined ? 'error' : undefined;
}

export const memoryEvents: EventInfo[] = [
  defineEvent({
    name: 'BALLOON_CHANGE',
    summary: 'The memory the guest may use changed through the balloon device.',
    category: 'memory',
    severity: 'info',
    since: '1.2',
    rateLimited: true,
    fields: [field('actual', 'int', 'Memory now available to the guest (what query-balloon calls `actual`).', { unit: 'bytes' })],
    describe: (data) => {
      const actual = readInteger(data, 'actual');
      return actual === undefined ? undefined : formatBytes(actual);
    },
  }),
  defineEvent({
    name: 'MEM_UNPLUG_ERROR',
    summary: 'Removing a memory device failed.',
    category: 'memory',
    severity: 'error',
    since: '2.4',
    fields: [field('device', 'str', 'ID of the memory device that could not be removed.'), field('msg', 'str', 'Explanation from QEMU.')],
    deprecated: { since: '6.2', replacedBy: 'DEVICE_UNPLUG_GUEST_ERROR', removedIn: '9.1' },
    describe: (data) => {
      const device = readName(data, 'device');
      const msg = readName(data, 'msg');
      if (device === undefined) return msg;
      return msg === undefined ? device : `${device}: ${msg}`;
    },
  }),
  defineEvent({
    name: 'DUMP_COMPLETED',
    summary: 'A background dump of guest memory finished, successfully or not.',
    category: 'memory',
    severity: 'info',
    since: '2.6',
    fields: [
      field('result', 'DumpQueryResult', 'Final status and amount written.'),
      field('error', 'str', 'Why the dump failed; only present on failure, meant for people, not for parsing.', {
        optional: true,
      }),
    ],
    describe: describeDump,
    severityFor: dumpSeverity,
  }),
];
