import { describe, expect, it } from 'vitest';
import { parseArgs } from '../cli/args.js';
import { resolveConfig } from '../config/bridgeConfig.js';
import { parseConfigText } from '../config/configFile.js';
import { DEFAULT_FLEET_RETENTION } from './fleetConfig.js';
import { redactFleetUrl } from './fleetUrl.js';

const message = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

describe('fleet options', () => {
  it('takes --fleet, --node and --fleet-retention; without VMs the bridge is a hub, not a demo', () => {
    const c = resolveConfig(parseArgs(['--fleet', 'redis://127.0.0.1:6379', '--node', 'hv1', '--fleet-retention', '5000']), null, '/');
    expect(c.fleet).toEqual({ redis: 'redis://127.0.0.1:6379', node: 'hv1', retentionEvents: 5000, retentionMaxAgeMs: null });
    expect(c.demo).toBe(false);
    expect(c.demoByDefault).toBe(false);
  });

  it('defaults the node to the host name and the retention to its default', () => {
    const c = resolveConfig(parseArgs(['--fleet', 'rediss://r.example:6380']), null, '/');
    expect(c.fleet?.node).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);
    expect(c.fleet?.retentionEvents).toBe(DEFAULT_FLEET_RETENTION);
  });

  it('reads the config file key, flags over it', () => {
    const file = parseConfigText('{"fleet": {"redis": "redis://:pw@r:6379", "node": "filenode", "retentionEvents": 2000}}', '/etc/q.json');
    expect(resolveConfig(parseArgs([]), file, '/').fleet).toEqual({
      redis: 'redis://:pw@r:6379',
      node: 'filenode',
      retentionEvents: 2000,
      retentionMaxAgeMs: null,
    });
    expect(resolveConfig(parseArgs(['--node', 'flag']), file, '/').fleet?.node).toBe('flag');
  });

  it('takes an age for --fleet-retention, alone or with a count, and in the config file', () => {
    const both = resolveConfig(parseArgs(['--fleet', 'redis://r', '--fleet-retention', '24h', '--fleet-retention', '5000']), null, '/');
    expect(both.fleet).toMatchObject({ retentionEvents: 5000, retentionMaxAgeMs: 24 * 3_600_000 });
    const age = resolveConfig(parseArgs(['--fleet', 'redis://r', '--fleet-retention', '90m']), null, '/');
    expect(age.fleet).toMatchObject({ retentionEvents: DEFAULT_FLEET_RETENTION, retentionMaxAgeMs: 90 * 60_000 });
    const file = parseConfigText('{"fleet": {"redis": "redis://r", "retentionAge": "7d"}}', '/q.json');
    expect(resolveConfig(parseArgs([]), file, '/').fleet?.retentionMaxAgeMs).toBe(7 * 86_400_000);
    expect(message(() => parseArgs(['--fleet-retention', '24x']))).toMatch(
      /expected a number of entries \(1000 or more\) or an age like 90m, 24h, 7d/,
    );
    expect(message(() => parseArgs(['--fleet-retention', '10']))).toMatch(/expected a number of entries/);
  });

  it('refuses bad values with one message that never shows the password', () => {
    expect(message(() => parseArgs(['--fleet', 'http://:hunter2@r:6379']))).toBe(
      '--fleet http://:***@r:6379/: expected a redis:// or rediss:// URL',
    );
    expect(message(() => parseArgs(['--fleet', 'not a url :hunter2@']))).not.toContain('hunter2');
    expect(message(() => parseArgs(['--node', '../etc']))).toMatch(/a node name is 1 to 63 letters/);
    expect(message(() => resolveConfig(parseArgs(['--node', 'a']), null, '/'))).toMatch(/need --fleet/);
    expect(message(() => parseConfigText('{"fleet": {"redis": "redis://r", "nodes": "x"}}', '/q.json'))).toMatch(/unknown key fleet.nodes/);
    expect(message(() => parseConfigText('{"fleet": "redis://r"}', '/q.json'))).toMatch(/fleet must be an object/);
  });

  it('redacts the password of a URL', () => {
    expect(redactFleetUrl('redis://:hunter2@10.0.0.1:6379/0')).toBe('redis://:***@10.0.0.1:6379/0');
    expect(redactFleetUrl('rediss://user:hunter2@h')).toBe('rediss://user:***@h');
    expect(redactFleetUrl('redis://h:1')).toBe('redis://h:1');
  });
});
