import { enumValues } from '../define.js';
import type { EnumTypeInfo } from '../model.js';

export const QuorumOpType: EnumTypeInfo = {
  kind: 'enum',
  name: 'QuorumOpType',
  description: 'Kind of I/O a quorum child reported a problem with.',
  since: '2.6',
  values: enumValues([
    ['read', 'A read.'],
    ['write', 'A write.'],
    ['flush', 'A flush to stable storage.'],
  ]),
};
