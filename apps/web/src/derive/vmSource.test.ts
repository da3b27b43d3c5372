import { describe, expect, it } from 'vitest';
import { vmSourceLabel } from './vmSource';

describe('vmSourceLabel', () => {
  it('names the libvirt connection of a domain, and the QMP socket otherwise (also for bridges that send no source)', () => {
    expect(vmSourceLabel({ target: 'qemu:///system', source: { kind: 'libvirt', uri: 'qemu:///system', domain: 'web' } })).toBe(
      'libvirt qemu:///system',
    );
    expect(vmSourceLabel({ target: 'unix:/run/a.qmp', source: { kind: 'qmp' } })).toBe('QMP unix:/run/a.qmp');
    expect(vmSourceLabel({ target: 'tcp:h:1' })).toBe('QMP tcp:h:1');
  });
});
