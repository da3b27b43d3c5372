import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConnectionsInfo, parseVmActivity, parseVmInfo, parseVmInfoList } from './vmInfo.js';

const good = {
  name: 'vm1',
  target: 'unix:/run/vm1.qmp',
  connection: 'connected',
  connectionSince: 1700000000000,
  lastError: null,
  status: 'running',
  qemuVersion: '7.2.0',
  guestName: 'web-1',
  eventCount: 12,
  lastEvent: { seq: 99, event: 'RESUME', timestamp: { seconds: 1700000000, microseconds: 5 } },
};

describe('parseVmInfo', () => {
  it('accepts a well-formed VM, with null lastEvent and unknown fields', () => {
    expect(parseVmInfo(good)).toEqual(good);
    const fresh = {
      ...good,
      connection: 'connecting',
      lastError: 'cannot connect',
      status: null,
      qemuVersion: null,
      guestName: null,
      eventCount: 0,
      lastEvent: null,
    };
    expect(parseVmInfo(fresh)).toEqual(fresh);
    expect(parseVmInfo({ ...good, extra: 1 })).toEqual(good);
  });

  it('keeps the source of a libvirt domain, and refuses a malformed one', () => {
    const libvirt = { ...good, target: 'qemu:///system', source: { kind: 'libvirt', uri: 'qemu:///system', domain: 'web 1' } };
    expect(parseVmInfo(libvirt)).toEqual(libvirt);
    expect(parseVmInfo({ ...good, source: { kind: 'qmp', extra: 1 } })).toEqual({ ...good, source: { kind: 'qmp' } });
    expect(parseVmInfo({ ...good, source: { kind: 'libvirt', uri: 'qemu:///system' } })).toBeNull();
    expect(parseVmInfo({ ...good, source: 'libvirt' })).toBeNull();
  });

  it.each([
    ['not an object', 42],
    ['empty name', { ...good, name: '' }],
    ['unknown connection state', { ...good, connection: 'online' }],
    ['missing connectionSince', { ...good, connectionSince: undefined }],
    ['lastError a number', { ...good, lastError: 5 }],
    ['status missing', { ...good, status: undefined }],
    ['negative eventCount', { ...good, eventCount: -1 }],
    ['lastEvent without seq', { ...good, lastEvent: { event: 'STOP', timestamp: { seconds: 1, microseconds: 0 } } }],
    ['lastEvent with a bad timestamp', { ...good, lastEvent: { seq: 1, event: 'STOP', timestamp: { seconds: 1 } } }],
    ['lastEvent missing', { ...good, lastEvent: undefined }],
  ])('refuses %s', (_label, input) => {
    expect(parseVmInfo(input)).toBeNull();
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.anything({ withObjectString: true, withNullPrototype: true }), fc.constantFrom(...Object.keys(good)), (x, key) => {
        parseVmInfo(x);
        parseVmInfo({ ...good, [key]: x });
      }),
    );
  });
});

describe('parseVmInfoList', () => {
  it('is all-or-nothing', () => {
    expect(parseVmInfoList([good, { ...good, name: 'vm2' }])).toHaveLength(2);
    expect(parseVmInfoList([good, { ...good, name: 7 }])).toBeNull();
    expect(parseVmInfoList('x')).toBeNull();
  });
});

describe('parseVmActivity', () => {
  const activity = { name: 'vm1', eventCount: 3, lastEvent: { seq: 9, event: 'RTC_CHANGE', timestamp: { seconds: 1, microseconds: 2 } } };
  it('keeps the three known fields only', () => {
    expect(parseVmActivity({ ...activity, status: 'running', extra: 1 })).toEqual(activity);
    expect(parseVmActivity({ ...activity, lastEvent: null })).toEqual({ ...activity, lastEvent: null });
  });
  it.each([
    ['no name', { ...activity, name: '' }],
    ['a negative count', { ...activity, eventCount: -1 }],
    ['a fractional count', { ...activity, eventCount: 1.5 }],
    ['lastEvent missing', { name: 'vm1', eventCount: 3 }],
    ['not an object', 'vm1'],
  ])('refuses %s', (_label, input) => {
    expect(parseVmActivity(input)).toBeNull();
  });
});

describe('parseConnectionsInfo', () => {
  const conn = {
    uri: 'qemu+tcp://hv2/system',
    connection: 'disconnected',
    connectionSince: 5,
    lastError: 'Connection refused',
    domains: 0,
  };
  it('keeps the known fields of each connection', () => {
    expect(parseConnectionsInfo({ libvirt: [{ ...conn, extra: 1 }] })).toEqual({ libvirt: [conn] });
    expect(parseConnectionsInfo({ libvirt: [] })).toEqual({ libvirt: [] });
  });
  it.each([
    ['no list', {}],
    ['an unknown state', { libvirt: [{ ...conn, connection: 'up' }] }],
    ['an empty uri', { libvirt: [{ ...conn, uri: '' }] }],
    ['a negative domain count', { libvirt: [{ ...conn, domains: -1 }] }],
    ['a numeric error', { libvirt: [{ ...conn, lastError: 3 }] }],
    ['not an object', 'x'],
  ])('refuses %s', (_label, input) => {
    expect(parseConnectionsInfo(input)).toBeNull();
  });
});
