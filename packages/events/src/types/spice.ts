import { field } from '../define.js';
import type { FieldInfo, StructTypeInfo } from '../model.js';

const basicFields: FieldInfo[] = [
  field('host', 'str', 'IP address or host name of this end of the connection.'),
  field('port', 'str', 'Port number of this end of the connection, as text.'),
  field('family', 'NetworkAddressFamily', 'Address family of `host`.'),
];

export const SpiceBasicInfo: StructTypeInfo = {
  kind: 'struct',
  name: 'SpiceBasicInfo',
  description: 'Network address of one end of a SPICE connection.',
  since: '2.1',
  fields: basicFields,
};

export const SpiceServerInfo: StructTypeInfo = {
  kind: 'struct',
  name: 'SpiceServerInfo',
  description: "The SPICE server's address and the authentication it uses.",
  since: '2.1',
  base: 'SpiceBasicInfo',
  fields: [...basicFields, field('auth', 'str', 'Authentication scheme in use, e.g. "none" or "spice".', { optional: true })],
};

/** SPICE's channel-type numbers, from the SPICE protocol. */
export const SPICE_CHANNEL_TYPES: Readonly<Record<number, string>> = {
  1: 'main',
  2: 'display',
  3: 'inputs',
  4: 'cursor',
  5: 'playback',
  6: 'record',
  7: 'tunnel',
  8: 'smartcard',
  9: 'usbredir',
  10: 'port',
  11: 'webdav',
};

export const SpiceChannel: StructTypeInfo = {
  kind: 'struct',
  name: 'SpiceChannel',
  description: 'One SPICE channel of a client session (a session opens several: main, display, inputs, ...).',
  since: '0.14',
  base: 'SpiceBasicInfo',
  fields: [
    ...basicFields,
    field('connection-id', 'int', 'Session number shared by all channels of one client connection.'),
    field('channel-type', 'int', 'SPICE channel kind: 1 main, 2 display, 3 inputs, 4 cursor, 5 playback, 6 record, ...'),
    field('channel-id', 'int', 'Index among channels of the same kind (e.g. the second display is 1).'),
    field('tls', 'bool', 'True when this channel is encrypted with TLS.'),
  ],
};
