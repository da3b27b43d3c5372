import { field } from '../define.js';
import type { FieldInfo, StructTypeInfo } from '../model.js';

const basicFields: FieldInfo[] = [
  field('host', 'str', 'IP address or host name of this end of the connection.'),
  field('service', 'str', 'Port number (or service name) of this end of the connection, as text.'),
  field('family', 'NetworkAddressFamily', 'Address family of `host`.'),
  field('websocket', 'bool', 'True when this end speaks VNC over WebSocket.', { since: '2.3' }),
];

export const VncBasicInfo: StructTypeInfo = {
  kind: 'struct',
  name: 'VncBasicInfo',
  description: 'Network address of one end of a VNC connection.',
  since: '2.1',
  fields: basicFields,
};

export const VncServerInfo: StructTypeInfo = {
  kind: 'struct',
  name: 'VncServerInfo',
  description: "The VNC server's listening address and the authentication it asks for.",
  since: '2.1',
  base: 'VncBasicInfo',
  fields: [
    ...basicFields,
    field('auth', 'str', 'Authentication scheme of the plain (non-WebSocket) listener, e.g. "none", "vnc", "sasl".', {
      optional: true,
    }),
  ],
};

export const VncClientInfo: StructTypeInfo = {
  kind: 'struct',
  name: 'VncClientInfo',
  description: 'A connected VNC client: its address and, once authenticated, its identity.',
  since: '0.14',
  base: 'VncBasicInfo',
  fields: [
    ...basicFields,
    field('x509_dname', 'str', "Distinguished name of the client's TLS certificate, when it presented one.", {
      optional: true,
    }),
    field('sasl_username', 'str', 'User name the client authenticated as through SASL, when SASL is used.', {
      optional: true,
    }),
  ],
};
