import { describe, expect, it } from 'vitest';
import { parseArgs } from './args.js';

const err = (argv: string[]): string => {
  try {
    parseArgs(argv);
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

describe('parseArgs', () => {
  it('parses every flag, in both --flag value and --flag=value forms', () => {
    const a = parseArgs([
      '--vm',
      'a=unix:/run/a.qmp',
      '--vm=b.1=tcp:127.0.0.1:4444',
      '--config',
      'c.json',
      '--host=0.0.0.0',
      '--port',
      '0',
      '--data-dir',
      '/tmp/d',
      '--retention-events',
      '10',
      '--retention-days=2',
      '--max-line-bytes',
      '4096',
      '--demo',
      '--web-dir',
      'w',
    ]);
    expect(a).toEqual({
      vms: [
        { name: 'a', target: 'unix:/run/a.qmp' },
        { name: 'b.1', target: 'tcp:127.0.0.1:4444' },
      ],
      libvirt: [],
      config: 'c.json',
      host: '0.0.0.0',
      port: 0,
      dataDir: '/tmp/d',
      retentionEvents: 10,
      retentionDays: 2,
      maxLineBytes: 4096,
      demo: true,
      webDir: 'w',
      help: false,
      version: false,
    });
    expect(parseArgs(['-h']).help).toBe(true);
    expect(parseArgs(['--version']).version).toBe(true);
    expect(parseArgs(['--vm', 'v6=tcp:[::1]:4444']).vms[0]!.target).toBe('tcp:[::1]:4444');
  });

  it('takes --log-format and --log-level from their lists only', () => {
    expect(parseArgs(['--log-format', 'json', '--log-level=warn'])).toMatchObject({ logFormat: 'json', logLevel: 'warn' });
    expect(parseArgs(['--log-format=pretty']).logFormat).toBe('pretty');
    expect(parseArgs([]).logFormat).toBeUndefined();
    expect(err(['--log-format', 'text'])).toBe('--log-format "text": expected one of auto, json, pretty');
    expect(err(['--log-level', 'trace'])).toBe('--log-level "trace": expected one of info, warn, error');
  });

  it('takes --token-file FILE, and refuses it beside --token', () => {
    expect(parseArgs(['--token-file', '/etc/qmpscope/token']).tokenFile).toBe('/etc/qmpscope/token');
    expect(err(['--token-file', '/t', '--token', 'abcdefghijklmnopq'])).toBe('give --token or --token-file, not both');
    expect(err(['--token-file'])).toBe('--token-file needs a value');
  });

  it('takes --libvirt URI repeatedly, each URI once, beside --vm', () => {
    const a = parseArgs([
      '--libvirt',
      'qemu:///system',
      '--vm',
      'a=unix:/a',
      '--libvirt=qemu+ssh://root@hv2/system',
      '--libvirt',
      'qemu:///system',
    ]);
    expect(a.libvirt).toEqual(['qemu:///system', 'qemu+ssh://root@hv2/system']);
    expect(a.vms).toHaveLength(1);
    expect(err(['--libvirt', '/var/run/libvirt/libvirt-sock'])).toBe(
      '--libvirt "/var/run/libvirt/libvirt-sock": expected a libvirt URI such as qemu:///system or qemu+ssh://root@hv2/system',
    );
    expect(err(['--libvirt', 'qemu:///system\nx'])).toMatch(/^--libvirt "qemu:\/\/\/system\\nx": expected a libvirt URI/);
  });

  it('explains every bad input in one line', () => {
    expect(err(['--bogus'])).toBe('unknown option --bogus');
    expect(err(['vm1=unix:/x'])).toBe('unexpected argument "vm1=unix:/x" (VMs are given as --vm NAME=TARGET)');
    expect(err(['--port'])).toBe('--port needs a value');
    expect(err(['--port', '--demo'])).toBe('--port needs a value');
    expect(err(['--port', 'http'])).toBe('--port "http": expected an integer from 0 to 65535');
    expect(err(['--port', '70000'])).toBe('--port "70000": expected an integer from 0 to 65535');
    expect(err(['--retention-events', '0'])).toBe('--retention-events "0": expected an integer from 1 to 9007199254740991');
    expect(err(['--retention-days', '-1'])).toBe('--retention-days "-1": expected an integer from 1 to 36500');
    expect(err(['--max-line-bytes', '10'])).toBe('--max-line-bytes "10": expected an integer from 1024 to 1073741824');
    expect(err(['--demo=yes'])).toBe('--demo takes no value');
    expect(err(['--host', ''])).toBe('--host needs a non-empty value');
    expect(err(['--vm', 'novalue'])).toBe('--vm "novalue": expected NAME=unix:/path/to/qmp.sock or NAME=tcp:host:port');
    expect(err(['--vm', 'bad name=unix:/x'])).toBe('--vm: invalid vm name "bad name": use 1 to 64 of A-Z a-z 0-9 . _ -');
    expect(err(['--vm', `${'x'.repeat(65)}=unix:/x`])).toMatch(/^--vm: invalid vm name "x{65}"/);
    expect(err(['--vm', 'a=http://x'])).toMatch(/^--vm a: invalid QMP target "http:\/\/x": expected unix:\/path/);
    expect(err(['--vm', 'a=tcp:host:99999'])).toMatch(/^--vm a: invalid QMP target "tcp:host:99999"/);
    expect(err(['--vm', 'a=unix:/x', '--vm', 'a=unix:/y'])).toBe('--vm: vm name "a" is given twice: names must be unique');
  });
});
