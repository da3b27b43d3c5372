import { readBoolean, readInteger, readName } from '../dataReader.js';
import { joinParts, withError } from '../summaryText.js';
import { defineEvent, field, laterField } from '../define.js';
import type { EventInfo } from '../model.js';

/** "sectors 345435+5" from the quorum events' sector fields. */
function sectors(data: unknown): string | undefined {
  const first = readInteger(data, 'sector-num');
  const count = readInteger(data, 'sectors-count');
  if (first === undefined) return undefined;
  return count === undefined ? `sector ${first}` : `sectors ${first}+${count}`;
}

const sectorFields = [
  field('sector-num', 'int', 'First sector (512 bytes each) of the failed operation.', { unit: 'sectors' }),
  field('sectors-count', 'int', 'Number of sectors the failed operation covered.', { unit: 'sectors' }),
];

export const storageEvents: EventInfo[] = [
  defineEvent({
    name: 'QUORUM_FAILURE',
    summary: 'A quorum disk could not get enough of its copies to agree on a read.',
    category: 'storage',
    severity: 'error',
    since: '2.0',
    rateLimited: true,
    fields: [field('reference', 'str', 'Device name of the quorum disk, or its node name when it has none.'), ...sectorFields],
    describe: (data) => joinParts(readName(data, 'reference'), sectors(data)),
  }),
  defineEvent({
    name: 'QUORUM_REPORT_BAD',
    summary: 'One copy of a quorum disk failed or returned data that disagrees with the others.',
    category: 'storage',
    severity: 'warning',
    since: '2.0',
    rateLimited: true,
    fields: [
      field('type', 'QuorumOpType', 'Kind of operation that went wrong.', { since: '2.6' }),
      field('error', 'str', 'Error text, only when the operation failed (not on a mere mismatch); for people, not for parsing.', {
        optional: true,
      }),
      field('node-name', 'str', 'Block graph node name of the faulty copy.'),
      ...sectorFields,
    ],
    notes: ['Rate-limited per node name.'],
    describe: (data) => withError(joinParts(readName(data, 'type'), readName(data, 'node-name'), sectors(data)), readName(data, 'error')),
  }),
  defineEvent({
    name: 'BLOCK_IO_ERROR',
    summary: 'A disk read or write failed on the host side.',
    category: 'storage',
    severity: 'error',
    since: '0.13',
    inOldSchema: false,
    fields: [
      laterField('qom-path', 'str', '9.2', 'Path of the guest device (disk controller) in the QOM tree.'),
      field('device', 'str', 'Drive name of the disk, empty when it has only a node name.'),
      field('node-name', 'str', 'Block graph node name where the error happened.', { optional: true, since: '2.8' }),
      field('operation', 'IoOperationType', 'Whether a read or a write failed.'),
      field('action', 'BlockErrorAction', 'What QEMU did about it.'),
      field('nospace', 'bool', 'True when the host ran out of space for the image (ENOSPC).', { optional: true, since: '2.2' }),
      field('reason', 'str', 'Error text from the host (e.g. "No space left on device"); for people, not for parsing.', {
        since: '2.8',
      }),
    ],
    notes: ['With action "stop", a STOP event follows; free space or fix the storage, then resume the VM.'],
    describe: (data) =>
      withError(
        joinParts(
          readName(data, 'device') ?? readName(data, 'node-name'),
          readName(data, 'operation'),
          readName(data, 'action'),
          readBoolean(data, 'nospace') === true && 'no space',
        ),
        readName(data, 'reason'),
      ),
  }),
];
