import { enumValues } from '../define.js';
import type { EnumTypeInfo } from '../model.js';

export const IoOperationType: EnumTypeInfo = {
  kind: 'enum',
  name: 'IoOperationType',
  description: 'Direction of a failed disk I/O.',
  since: '2.1',
  values: enumValues([
    ['read', 'A read from the disk image.'],
    ['write', 'A write to the disk image.'],
  ]),
};

export const BlockErrorAction: EnumTypeInfo = {
  kind: 'enum',
  name: 'BlockErrorAction',
  description: 'What QEMU did about a disk I/O error (set per drive with rerror/werror).',
  since: '2.1',
  values: enumValues([
    ['ignore', 'The error was ignored; the guest does not see it.'],
    ['report', 'The error was passed on to the guest.'],
    ['stop', 'The VM was paused (a STOP event follows) so the problem can be fixed and the VM resumed.'],
  ]),
};
