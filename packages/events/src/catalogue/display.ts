import { readBoolean, readInteger, readName } from '../dataReader.js';
import { joinParts } from '../summaryText.js';
import { defineEvent, field } from '../define.js';
import type { EventInfo } from '../model.js';
import { SPICE_CHANNEL_TYPES } from '../types/spice.js';

/** "127.0.0.1:5901" or "[::1]:5901" from {host, service|port}; undefined without a host. */
function endpoint(data: unknown, side: 'client' | 'server', portKey: 'service' | 'port'): string | undefined {
  const host = readName(data, side, 'host');
  if (host === undefined) return undefined;
  const port = readName(data, side, portKey);
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return port === undefined ? shownHost : `${shownHost}:${port}`;
}

function describeVnc(data: unknown): string | undefined {
  const user = readName(data, 'client', 'sasl_username') ?? readName(data, 'client', 'x509_dname');
  return joinParts(endpoint(data, 'client', 'service'), user !== undefined && `user ${user}`);
}

function describeSpice(data: unknown): string | undefined {
  return endpoint(data, 'client', 'port');
}

function describeSpiceChannel(data: unknown): string | undefined {
  const type = readInteger(data, 'client', 'channel-type');
  const id = readInteger(data, 'client', 'channel-id');
  const typeName = type === undefined ? undefined : (SPICE_CHANNEL_TYPES[type] ?? `type ${type}`);
  const channel = typeName === undefined ? undefined : id === undefined ? typeName : `${typeName}#${id}`;
  return joinParts(endpoint(data, 'client', 'port'), channel, readBoolean(data, 'client', 'tls') === true && 'tls');
}

const serverClient = (server: string, client: string, protocol: string) => [
  field('server', server, `The ${protocol} server's address${server.endsWith('ServerInfo') ? ' and authentication scheme' : ''}.`),
  field('client', client, `The ${protocol} client's address${client === 'VncClientInfo' ? ' and identity' : ''}.`),
];

export const displayEvents: EventInfo[] = [
  defineEvent({
    name: 'VNC_CONNECTED',
    summary: 'A VNC client opened a connection (before any authentication).',
    category: 'display',
    severity: 'info',
    since: '0.13.0',
    fields: serverClient('VncServerInfo', 'VncBasicInfo', 'VNC'),
    notes: ['Sent before authentication, so no user name is known yet.'],
    describe: describeVnc,
  }),
  defineEvent({
    name: 'VNC_INITIALIZED',
    summary: 'A VNC client passed authentication (if any) and its session is active.',
    category: 'display',
    severity: 'info',
    since: '0.13.0',
    fields: serverClient('VncServerInfo', 'VncClientInfo', 'VNC'),
    describe: describeVnc,
  }),
  defineEvent({
    name: 'VNC_DISCONNECTED',
    summary: 'A VNC connection was closed.',
    category: 'display',
    severity: 'info',
    since: '0.13.0',
    fields: serverClient('VncServerInfo', 'VncClientInfo', 'VNC'),
    describe: describeVnc,
  }),
  defineEvent({
    name: 'SPICE_CONNECTED',
    summary: 'A SPICE client opened a connection.',
    category: 'display',
    severity: 'info',
    since: '0.14.0',
    fields: serverClient('SpiceBasicInfo', 'SpiceBasicInfo', 'SPICE'),
    describe: describeSpice,
  }),
  defineEvent({
    name: 'SPICE_INITIALIZED',
    summary: 'A SPICE channel finished its handshake and authentication and is working.',
    category: 'display',
    severity: 'info',
    since: '0.14.0',
    fields: serverClient('SpiceServerInfo', 'SpiceChannel', 'SPICE'),
    notes: ['One event per channel: a single client session opens several (main, display, inputs, cursor, ...).'],
    describe: describeSpiceChannel,
  }),
  defineEvent({
    name: 'SPICE_DISCONNECTED',
    summary: 'A SPICE connection was closed.',
    category: 'display',
    severity: 'info',
    since: '0.14.0',
    fields: serverClient('SpiceBasicInfo', 'SpiceBasicInfo', 'SPICE'),
    describe: describeSpice,
  }),
  defineEvent({
    name: 'SPICE_MIGRATE_COMPLETED',
    summary: 'SPICE clients were handed over to the migration destination.',
    category: 'display',
    severity: 'info',
    since: '1.3',
  }),
];
