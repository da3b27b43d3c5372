import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { categoryOf, describeField, describeValue, getTypeInfo, listEvents, severityOf, summarizeEvent } from './lookup.js';

const vncServer = { auth: 'none', family: 'ipv4', service: '5901', host: '0.0.0.0', websocket: false };
const spiceServer = { port: '5920', family: 'ipv4', host: '127.0.0.1' };

/** Realistic data for every catalogued event and the summary it must give. */
const CASES: Record<string, Array<[data: unknown, summary: string]>> = {
  STOP: [[undefined, 'STOP']],
  RESUME: [[undefined, 'RESUME']],
  SHUTDOWN: [
    [{ guest: true }, 'SHUTDOWN by guest'],
    [{ guest: false, reason: 'host-qmp-quit' }, 'SHUTDOWN by host (host-qmp-quit)'],
    [{ guest: true, reason: 'guest-shutdown' }, 'SHUTDOWN by guest (guest-shutdown)'],
  ],
  POWERDOWN: [[undefined, 'POWERDOWN']],
  RESET: [
    [{ guest: false }, 'RESET by host'],
    [{ guest: false, reason: 'host-qmp-system-reset' }, 'RESET by host (host-qmp-system-reset)'],
  ],
  SUSPEND: [[undefined, 'SUSPEND']],
  SUSPEND_DISK: [[undefined, 'SUSPEND_DISK']],
  WAKEUP: [[undefined, 'WAKEUP']],
  VNC_CONNECTED: [
    [
      { server: vncServer, client: { family: 'ipv4', service: '5901', host: '127.0.0.1', websocket: false } },
      'VNC_CONNECTED 127.0.0.1:5901',
    ],
    [{ server: vncServer, client: { family: 'ipv6', service: '40000', host: '::1', websocket: false } }, 'VNC_CONNECTED [::1]:40000'],
  ],
  VNC_INITIALIZED: [
    [
      { server: vncServer, client: { family: 'ipv4', service: '46089', host: '127.0.0.1', sasl_username: 'alice', websocket: false } },
      'VNC_INITIALIZED 127.0.0.1:46089 user alice',
    ],
  ],
  VNC_DISCONNECTED: [
    [
      { server: vncServer, client: { family: 'ipv4', service: '58425', host: '10.0.0.7', websocket: false } },
      'VNC_DISCONNECTED 10.0.0.7:58425',
    ],
  ],
  SPICE_CONNECTED: [
    [{ server: spiceServer, client: { port: '52873', family: 'ipv4', host: '127.0.0.1' } }, 'SPICE_CONNECTED 127.0.0.1:52873'],
  ],
  SPICE_INITIALIZED: [
    [
      {
        server: { ...spiceServer, auth: 'spice' },
        client: {
          port: '49004',
          family: 'ipv4',
          host: '127.0.0.1',
          'channel-type': 3,
          'connection-id': 1804289383,
          'channel-id': 0,
          tls: true,
        },
      },
      'SPICE_INITIALIZED 127.0.0.1:49004 inputs#0 tls',
    ],
  ],
  SPICE_DISCONNECTED: [
    [{ server: spiceServer, client: { port: '52873', family: 'ipv4', host: '127.0.0.1' } }, 'SPICE_DISCONNECTED 127.0.0.1:52873'],
  ],
  SPICE_MIGRATE_COMPLETED: [[undefined, 'SPICE_MIGRATE_COMPLETED']],
  MIGRATION: [
    [{ status: 'active' }, 'MIGRATION active'],
    [{ status: 'postcopy-recover-setup' }, 'MIGRATION postcopy-recover-setup'],
  ],
  MIGRATION_PASS: [[{ pass: 3 }, 'MIGRATION_PASS 3']],
  BALLOON_CHANGE: [
    [{ actual: 1073741824 }, 'BALLOON_CHANGE 1.00 GiB'],
    [{ actual: 536870912 }, 'BALLOON_CHANGE 512.00 MiB'],
    [{ actual: '1073741824' }, 'BALLOON_CHANGE 1.00 GiB'],
  ],
  MEM_UNPLUG_ERROR: [
    [
      { device: 'dimm1', msg: 'acpi: device unplug for unsupported device' },
      'MEM_UNPLUG_ERROR dimm1: acpi: device unplug for unsupported device',
    ],
  ],
  DUMP_COMPLETED: [
    [{ result: { total: 1073741824, status: 'completed', completed: 1073741824 } }, 'DUMP_COMPLETED completed 1.00 GiB'],
    [
      { result: { total: 1073741824, status: 'failed', completed: 536870912 }, error: 'disk full' },
      'DUMP_COMPLETED failed 512.00 MiB of 1.00 GiB: disk full',
    ],
  ],
  DEVICE_DELETED: [
    [{ device: 'virtio-net-pci-0', path: '/machine/peripheral/virtio-net-pci-0' }, 'DEVICE_DELETED virtio-net-pci-0'],
    [{ path: '/machine/peripheral-anon/device[3]' }, 'DEVICE_DELETED /machine/peripheral-anon/device[3]'],
  ],
  NIC_RX_FILTER_CHANGED: [[{ name: 'net0', path: '/machine/peripheral/net0/virtio-backend' }, 'NIC_RX_FILTER_CHANGED net0']],
  ACPI_DEVICE_OST: [
    [{ info: { device: 'd1', slot: '0', 'slot-type': 'DIMM', source: 1, status: 0 } }, 'ACPI_DEVICE_OST DIMM slot 0 (d1) status ok'],
    [{ info: { slot: '2', 'slot-type': 'CPU', source: 3, status: 0x81 } }, 'ACPI_DEVICE_OST CPU slot 2 status 0x81'],
  ],
  VSERPORT_CHANGE: [
    [{ id: 'channel0', open: true }, 'VSERPORT_CHANGE channel0 open'],
    [{ id: 'channel0', open: false }, 'VSERPORT_CHANGE channel0 closed'],
  ],
  RTC_CHANGE: [
    [{ offset: 3600 }, 'RTC_CHANGE +3600 s'],
    [{ offset: -5, 'qom-path': '/machine/unattached/device[7]' }, 'RTC_CHANGE -5 s'],
  ],
  QUORUM_FAILURE: [[{ reference: 'usr1', 'sector-num': 345435, 'sectors-count': 5 }, 'QUORUM_FAILURE usr1 sectors 345435+5']],
  QUORUM_REPORT_BAD: [
    [{ 'node-name': 'node0', 'sector-num': 345435, 'sectors-count': 5, type: 'read' }, 'QUORUM_REPORT_BAD read node0 sectors 345435+5'],
    [
      { 'node-name': 'node0', 'sector-num': 0, 'sectors-count': 2097120, type: 'flush', error: 'Broken pipe' },
      'QUORUM_REPORT_BAD flush node0 sectors 0+2097120: Broken pipe',
    ],
  ],
  BLOCK_IO_ERROR: [
    [
      { device: 'drive0', 'node-name': '#block123', operation: 'write', action: 'stop', nospace: true, reason: 'No space left on device' },
      'BLOCK_IO_ERROR drive0 write stop no space: No space left on device',
    ],
    [
      { device: '', 'node-name': 'disk1', operation: 'read', action: 'report', reason: 'Input/output error' },
      'BLOCK_IO_ERROR disk1 read report: Input/output error',
    ],
  ],
  WATCHDOG: [[{ action: 'reset' }, 'WATCHDOG reset']],
  GUEST_PANICKED: [
    [{ action: 'pause' }, 'GUEST_PANICKED pause'],
    [
      { action: 'pause', info: { type: 'hyper-v', arg1: 30, arg2: '18446744073709551615', arg3: 0, arg4: 0, arg5: 0 } },
      'GUEST_PANICKED pause (hyper-v)',
    ],
  ],
};

const GENERIC: Array<[event: string, data: unknown, summary: string]> = [
  ['DEVICE_TRAY_MOVED', { device: 'ide1-cd0', id: 'cd0', 'tray-open': true }, 'DEVICE_TRAY_MOVED ide1-cd0'],
  ['BLOCK_JOB_COMPLETED', { type: 'mirror', device: 'job0', len: 10, offset: 10, speed: 0 }, 'BLOCK_JOB_COMPLETED job0'],
  ['MEMORY_DEVICE_SIZE_CHANGE', { id: 'vm0', size: 1073741824, 'qom-path': '/machine/peripheral/vm0' }, 'MEMORY_DEVICE_SIZE_CHANGE vm0'],
  ['GUEST_CRASHLOADED', { action: 'run' }, 'GUEST_CRASHLOADED'],
  ['X_SOMETHING_NEW', { 'node-name': 'n1' }, 'X_SOMETHING_NEW n1'],
  ['X_SOMETHING_NEW', undefined, 'X_SOMETHING_NEW'],
];

describe('summarizeEvent', () => {
  const oldSchemaEvents = listEvents().filter((e) => e.inOldSchema || e.name === 'BLOCK_IO_ERROR');

  it('has a case for every event with a specific summary', () => {
    const withCases = new Set(Object.keys(CASES));
    expect(oldSchemaEvents.map((e) => e.name).filter((n) => !withCases.has(n))).toEqual([]);
  });

  it.each(Object.entries(CASES).flatMap(([event, cases]) => cases.map(([data, summary]) => [event, data, summary] as const)))(
    '%s %j → %s',
    (event, data, summary) => {
      expect(summarizeEvent(event, data)).toBe(summary);
    },
  );

  it.each(GENERIC)('newer or unknown %s %j → %s', (event, data, summary) => {
    expect(summarizeEvent(event, data)).toBe(summary);
  });

  it('falls back to the event name on wrongly typed data', () => {
    expect(summarizeEvent('BALLOON_CHANGE', { actual: 'lots' })).toBe('BALLOON_CHANGE');
    expect(summarizeEvent('MIGRATION_PASS', { pass: 2.5 })).toBe('MIGRATION_PASS');
    expect(summarizeEvent('RTC_CHANGE', { offset: null })).toBe('RTC_CHANGE');
    expect(summarizeEvent('SHUTDOWN', { guest: 'yes' })).toBe('SHUTDOWN');
    expect(summarizeEvent('VNC_CONNECTED', { client: 'x' })).toBe('VNC_CONNECTED');
    expect(summarizeEvent('WATCHDOG', [])).toBe('WATCHDOG');
  });

  it('never throws and always starts with the event name, whatever the data', () => {
    const names = [...listEvents().map((e) => e.name), 'UNKNOWN_EVENT'];
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.anything({ withObjectString: true, withNullPrototype: true }), (name, data) => {
        const s = summarizeEvent(name, data);
        expect(s === name || s.startsWith(`${name} `)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on data shaped like the event but with random values', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.entries(CASES)), fc.jsonValue(), fc.nat(), ([name, cases], junk, pick) => {
        const sample = cases[pick % cases.length]?.[0];
        if (typeof sample !== 'object' || sample === null) return;
        // Replace each top-level value in turn with junk, keep the others realistic.
        for (const key of Object.keys(sample)) {
          const s = summarizeEvent(name, { ...sample, [key]: junk });
          expect(typeof s).toBe('string');
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('severityOf and categoryOf', () => {
  it('gives typical severities', () => {
    expect(severityOf('GUEST_PANICKED')).toBe('error');
    expect(severityOf('QUORUM_FAILURE')).toBe('error');
    expect(severityOf('MEM_UNPLUG_ERROR')).toBe('error');
    expect(severityOf('WATCHDOG', { action: 'reset' })).toBe('warning');
    expect(severityOf('QUORUM_REPORT_BAD')).toBe('warning');
    expect(severityOf('SHUTDOWN', { guest: true })).toBe('notice');
    expect(severityOf('RESUME')).toBe('info');
  });

  it('refines from the data', () => {
    expect(severityOf('MIGRATION', { status: 'failed' })).toBe('error');
    expect(severityOf('MIGRATION', { status: 'active' })).toBe('info');
    expect(severityOf('SHUTDOWN', { guest: false, reason: 'host-error' })).toBe('error');
    expect(severityOf('DUMP_COMPLETED', { result: { status: 'failed', total: 1, completed: 0 } })).toBe('error');
    expect(severityOf('ACPI_DEVICE_OST', { info: { status: 1 } })).toBe('warning');
    expect(severityOf('MIGRATION', 'garbage')).toBe('info');
  });

  it('treats unknown events as info / other', () => {
    expect(severityOf('NO_SUCH_EVENT', { x: 1 })).toBe('info');
    expect(categoryOf('NO_SUCH_EVENT')).toBe('other');
    expect(categoryOf('VNC_CONNECTED')).toBe('display');
    expect(categoryOf('BLOCK_JOB_ERROR')).toBe('storage');
  });
});

describe('describeField and types', () => {
  it('finds top-level and nested fields', () => {
    expect(describeField('BALLOON_CHANGE', ['actual'])?.unit).toBe('bytes');
    expect(describeField('VNC_CONNECTED', ['server', 'host'])?.type).toBe('str');
    expect(describeField('VNC_INITIALIZED', ['client', 'sasl_username'])?.optional).toBe(true);
    expect(describeField('SPICE_INITIALIZED', ['client', 'channel-type'])?.type).toBe('int');
    expect(describeField('GUEST_PANICKED', ['info', 'arg1'])?.type).toBe('uint64');
    expect(describeField('GUEST_PANICKED', ['info', 'psw-addr'])?.type).toBe('uint64');
    expect(describeField('DUMP_COMPLETED', ['result', 'total'])?.unit).toBe('bytes');
  });

  it('marks fields newer than the old schema', () => {
    const reason = describeField('SHUTDOWN', ['reason']);
    expect(reason).toMatchObject({ since: '4.0', inOldSchema: false, type: 'ShutdownCause', optional: true });
    expect(describeField('RTC_CHANGE', ['qom-path'])?.inOldSchema).toBe(false);
  });

  it('returns undefined for unknown paths', () => {
    expect(describeField('BALLOON_CHANGE', ['nope'])).toBeUndefined();
    expect(describeField('BALLOON_CHANGE', ['actual', 'deeper'])).toBeUndefined();
    expect(describeField('NO_SUCH_EVENT', ['x'])).toBeUndefined();
    expect(describeField('VNC_CONNECTED', [])).toBeUndefined();
  });

  it('explains enum values, including newer ones', () => {
    expect(describeValue('SHUTDOWN', ['reason'], 'host-signal')).toMatch(/signal/i);
    expect(describeValue('WATCHDOG', ['action'], 'inject-nmi')).toMatch(/interrupt/i);
    expect(describeValue('GUEST_PANICKED', ['action'], 'run')).toBeDefined();
    expect(describeValue('MIGRATION', ['status'], 'wait-unplug')).toBeDefined();
    expect(describeValue('MIGRATION', ['status'], 'bogus')).toBeUndefined();
    expect(describeValue('BALLOON_CHANGE', ['actual'], 'x')).toBeUndefined();
  });

  it('lists the newer enum values from QMP-FACTS', () => {
    const values = (name: string) => {
      const t = getTypeInfo(name);
      return t?.kind === 'enum' ? t.values.map((v) => v.value) : [];
    };
    expect(values('MigrationStatus')).toEqual(
      expect.arrayContaining([
        'pre-switchover',
        'device',
        'wait-unplug',
        'postcopy-paused',
        'postcopy-recover',
        'postcopy-recover-setup',
        'colo',
      ]),
    );
    expect(values('WatchdogExpirationAction')).toEqual(['reset', 'shutdown', 'poweroff', 'pause', 'debug', 'none', 'inject-nmi']);
    expect(values('GuestPanicAction')).toEqual(['pause', 'poweroff', 'run']);
    expect(values('ShutdownCause')).toHaveLength(10);
  });
});
