import { enumValues, field } from '../define.js';
import type { EnumTypeInfo, StructTypeInfo } from '../model.js';

export const DumpStatus: EnumTypeInfo = {
  kind: 'enum',
  name: 'DumpStatus',
  description: 'Progress of a guest memory dump.',
  since: '2.6',
  values: enumValues([
    ['none', 'No dump has been started.'],
    ['active', 'A dump is being written.'],
    ['completed', 'The dump was written successfully.'],
    ['failed', 'The dump stopped on an error.'],
  ]),
};

export const DumpQueryResult: StructTypeInfo = {
  kind: 'struct',
  name: 'DumpQueryResult',
  description: 'Outcome and size of a guest memory dump.',
  since: '2.6',
  fields: [
    field('status', 'DumpStatus', 'Final state of the dump.'),
    field('completed', 'int', 'Amount of guest memory written so far.', { unit: 'bytes' }),
    field('total', 'int', 'Amount of guest memory the dump covers.', { unit: 'bytes' }),
  ],
};
