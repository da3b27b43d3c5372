import { enumValues } from '../define.js';
import type { EnumTypeInfo } from '../model.js';

export const NetworkAddressFamily: EnumTypeInfo = {
  kind: 'enum',
  name: 'NetworkAddressFamily',
  description: 'Kind of network address a display server or client uses.',
  since: '2.1',
  values: enumValues([
    ['ipv4', 'IPv4 address.'],
    ['ipv6', 'IPv6 address.'],
    ['unix', 'Unix domain socket path.'],
    ['vsock', 'VSOCK address (host/guest socket).', '2.8'],
    ['unknown', 'QEMU could not tell the address kind.'],
  ]),
};
