import { describe, expect, it } from 'vitest';
import type { BridgeConfig } from './bridgeConfig.js';
import { planReload } from './configReload.js';

function config(over: Partial<BridgeConfig>): BridgeConfig {
  return {
    vms: [],
    libvirt: [],
    demo: false,
    demoByDefault: false,
    host: '127.0.0.1',
    port: 8484,
    dataDir: '/d',
    retention: { maxEvents: 10, maxAgeDays: 1 },
    maxLineBytes: 1024,
    webDir: '/w',
    token: null,
    tokenSource: null,
    ...over,
  };
}

describe('planReload', () => {
  it('sorts VMs into added, retargeted, removed and unchanged', () => {
    const running = config({
      vms: [
        { name: 'a', target: 'unix:/a' },
        { name: 'b', target: 'unix:/b' },
        { name: 'c', target: 'unix:/c' },
      ],
    });
    const next = config({
      vms: [
        { name: 'a', target: 'unix:/a' },
        { name: 'b', target: 'tcp:h:1' },
        { name: 'd', target: 'unix:/d' },
      ],
    });
    const plan = planReload(running, next);
    expect(plan.add).toEqual([{ name: 'd', target: 'unix:/d' }]);
    expect(plan.retarget).toEqual([{ name: 'b', target: 'tcp:h:1' }]);
    expect(plan.remove).toEqual(['c']);
    expect(plan.unchanged).toEqual(['a']);
    expect(plan.needRestart).toEqual([]);
  });

  it('names every setting that only a restart applies', () => {
    const running = config({ libvirt: ['qemu:///system'], token: 'a'.repeat(16), tokenSource: 'file' });
    const next = config({
      libvirt: ['qemu+ssh://h/system'],
      host: '0.0.0.0',
      port: 9000,
      dataDir: '/e',
      retention: { maxEvents: 11, maxAgeDays: 1 },
      token: 'b'.repeat(16),
      tokenSource: 'file',
      demo: true,
    });
    expect(planReload(running, next).needRestart).toEqual(['libvirt', 'host', 'port', 'dataDir', 'retention', 'token', 'demo']);
  });

  it('does not call a newly generated token a change, nor reordered libvirt URIs', () => {
    const running = config({ libvirt: ['qemu:///a', 'qemu+ssh://h/b'], token: 'x'.repeat(32), tokenSource: 'generated' });
    const next = config({ libvirt: ['qemu+ssh://h/b', 'qemu:///a'], token: 'y'.repeat(32), tokenSource: 'generated' });
    expect(planReload(running, next).needRestart).toEqual([]);
  });
});

describe('planReload and the fleet', () => {
  it('names a changed fleet setting as needing a restart, and an unchanged one not', () => {
    const fleet = { redis: 'redis://r:6379', node: 'hv1', retentionEvents: 1000, retentionMaxAgeMs: null };
    expect(planReload(config({ fleet }), config({ fleet: { ...fleet } })).needRestart).toEqual([]);
    expect(planReload(config({ fleet }), config({ fleet: { ...fleet, node: 'hv2' } })).needRestart).toEqual(['fleet']);
    expect(planReload(config({}), config({ fleet })).needRestart).toEqual(['fleet']);
  });
});
