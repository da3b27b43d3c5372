import { readInteger, readName } from '../dataReader.js';
import { defineEvent, field } from '../define.js';
import type { EventInfo, Severity } from '../model.js';

function migrationSeverity(data: unknown): Severity | undefined {
  switch (readName(data, 'status')) {
    case 'failed':
      return 'error';
    case 'postcopy-paused':
      return 'warning';
    case 'cancelled':
    case 'completed':
      return 'notice';
    default:
      return undefined;
  }
}

export const migrationEvents: EventInfo[] = [
  defineEvent({
    name: 'MIGRATION',
    summary: 'A live migration changed stage.',
    category: 'migration',
    severity: 'info',
    since: '2.4',
    fields: [field('status', 'MigrationStatus', 'The stage the migration just entered.')],
    notes: ['Only sent when the "events" migration capability is on; query-migrate tells the details.'],
    describe: (data) => readName(data, 'status'),
    severityFor: migrationSeverity,
  }),
  defineEvent({
    name: 'MIGRATION_PASS',
    summary: 'The migration source started another pass over dirty memory.',
    category: 'migration',
    severity: 'info',
    since: '2.6',
    fields: [
      field('pass', 'int', 'Pass number, 1 for the first; many passes mean the guest dirties memory faster than it is sent.', {
        unit: 'count',
      }),
    ],
    describe: (data) => readInteger(data, 'pass')?.toString(),
  }),
];
