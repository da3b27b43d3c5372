import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfigText, readConfigFile } from './configFile.js';
import { resolveConfig, DEFAULTS } from './bridgeConfig.js';
import { parseArgs } from '../cli/args.js';

const dir = mkdtempSync(join(tmpdir(), 'qmpscope-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const err = (text: string): string => {
  try {
    parseConfigText(text, '/etc/q.json');
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

describe('config file', () => {
  it('reads a full config, resolving dataDir against the file', () => {
    const path = join(dir, 'ok.json');
    writeFileSync(
      path,
      JSON.stringify({
        vms: [{ name: 'a', target: 'unix:/run/a.qmp' }],
        host: '::1',
        port: 9000,
        dataDir: 'state',
        retention: { maxEvents: 100, maxAgeDays: 7 },
      }),
    );
    expect(readConfigFile(path)).toEqual({
      vms: [{ name: 'a', target: 'unix:/run/a.qmp' }],
      host: '::1',
      port: 9000,
      dataDir: join(dir, 'state'),
      retention: { maxEvents: 100, maxAgeDays: 7 },
    });
  });

  it('names the problem of an unreadable or invalid file', () => {
    expect(() => readConfigFile(join(dir, 'missing.json'))).toThrow(`cannot read config file ${join(dir, 'missing.json')}: no such file`);
    expect(() => readConfigFile(dir)).toThrow(/it is a directory/);
    expect(err('{\n  "vms": [,]\n}')).toBe('config file /etc/q.json is not valid JSON: unexpected "," at line 2, column 11');
    expect(err('{"vms": [')).toBe(
      'config file /etc/q.json is not valid JSON: the text ends too early (an unclosed bracket, brace or string?)',
    );
    expect(err('{"port": 1,}')).toBe('config file /etc/q.json is not valid JSON: unexpected "}" at line 1, column 12');
    expect(err('[]')).toMatch(/^config file \/etc\/q\.json: expected a JSON object/);
    expect(err('{"vm": []}')).toBe(
      'config file /etc/q.json: unknown key "vm" (known: vms, libvirt, host, port, dataDir, retention, fleet)',
    );
    expect(err('{"vms": {}}')).toMatch(/vms must be an array/);
    expect(err('{"vms": [{"name": "a"}]}')).toMatch(/^config file \/etc\/q\.json: vms\[0\]: expected \{"name"/);
    expect(err('{"vms": [{"name": "a b", "target": "unix:/x"}]}')).toMatch(/vms\[0\]: invalid vm name "a b"/);
    expect(err('{"vms": [{"name": "a", "target": "udp:x"}]}')).toMatch(/vms\[0\]: invalid QMP target "udp:x"/);
    expect(err('{"vms": [{"name": "a", "target": "unix:/x"}, {"name": "a", "target": "unix:/y"}]}')).toMatch(/vm name "a" is given twice/);
    expect(err('{"port": "80"}')).toBe('config file /etc/q.json: port must be an integer from 0 to 65535, got "80"');
    expect(err('{"host": 1}')).toBe('config file /etc/q.json: host must be a non-empty string');
    expect(err('{"retention": {"maxDays": 1}}')).toMatch(/unknown key retention\.maxDays/);
    expect(err('{"retention": {"maxEvents": 0}}')).toMatch(/retention\.maxEvents must be an integer from 1/);
  });
});

describe('resolveConfig', () => {
  it('applies defaults and uses the demo VM when no VM is given', () => {
    const c = resolveConfig(parseArgs([]), null, '/home/u');
    expect(c).toMatchObject({
      vms: [],
      demo: true,
      demoByDefault: true,
      host: DEFAULTS.host,
      port: 8484,
      dataDir: '/home/u/data',
      retention: { maxEvents: 5_000_000, maxAgeDays: 30 },
      maxLineBytes: 1_048_576,
    });
    expect(c.webDir).toMatch(/apps\/web\/dist$/);
  });

  it('lets flags override the file, a flag VM replacing a file VM of the same name', () => {
    const file = parseConfigText(
      '{"vms":[{"name":"a","target":"unix:/a"},{"name":"b","target":"unix:/b"}],"port":9000,"host":"0.0.0.0","retention":{"maxEvents":5}}',
      '/etc/q.json',
    );
    const c = resolveConfig(parseArgs(['--vm', 'b=tcp:h:1', '--port', '0', '--retention-days', '3']), file, '/');
    expect(c.vms).toEqual([
      { name: 'a', target: 'unix:/a' },
      { name: 'b', target: 'tcp:h:1' },
    ]);
    expect(c).toMatchObject({ port: 0, host: '0.0.0.0', demo: false, retention: { maxEvents: 5, maxAgeDays: 3 } });
  });

  it('reserves the name demo', () => {
    expect(() => resolveConfig(parseArgs(['--vm', 'demo=unix:/x']), null, '/')).toThrow(
      'vm name "demo" is reserved for the built-in demo VM: choose another name',
    );
  });
});

describe('libvirt connections in the config file and flags', () => {
  it('merges the file and the flags, each URI once; libvirt alone means no demo VM', () => {
    const file = parseConfigText('{"libvirt": ["qemu:///system", "qemu+ssh://root@hv2/system"]}', '/etc/q.json');
    const c = resolveConfig(parseArgs(['--libvirt', 'qemu:///system', '--libvirt', 'qemu+tls://hv3/system']), file, '/');
    expect(c.libvirt).toEqual(['qemu:///system', 'qemu+ssh://root@hv2/system', 'qemu+tls://hv3/system']);
    expect(c.demo).toBe(false);
  });

  it('refuses what is not a list of libvirt URIs, and two URIs whose VMs would be named alike', () => {
    expect(err('{"libvirt": "qemu:///system"}')).toBe('config file /etc/q.json: libvirt must be an array of URIs like ["qemu:///system"]');
    expect(err('{"libvirt": ["qemu:///system", "vm1"]}')).toMatch(/^config file \/etc\/q.json: libvirt\[1\] "vm1": expected a libvirt URI/);
    expect(() => resolveConfig(parseArgs(['--libvirt', 'qemu:///system', '--libvirt', 'qemu:///session']), null, '/')).toThrow(
      '--libvirt: qemu:///system and qemu:///session are both on host local, so their VMs would be named alike (local/DOMAIN): watch one of them per bridge',
    );
  });
});

describe("deploy/qmpscope.json (the systemd unit's example config)", () => {
  it('is a valid config: every libvirt domain, listening beyond loopback for Prometheus', () => {
    const path = new URL('../../../../deploy/qmpscope.json', import.meta.url).pathname;
    expect(readConfigFile(path)).toEqual({
      host: '0.0.0.0',
      port: 8484,
      libvirt: ['qemu:///system'],
      retention: { maxEvents: 5_000_000, maxAgeDays: 30 },
    });
  });
});
