import { describe, expect, it } from 'vitest';
import { domainNamer, MAX_VM_NAME_LENGTH, vmNameForDomain } from './domainName.js';

describe('vmNameForDomain', () => {
  it('keeps ordinary names, spaces and non-ASCII letters as libvirt has them', () => {
    expect(vmNameForDomain('instance-0000001a', null)).toBe('instance-0000001a');
    expect(vmNameForDomain('Windows 10 Pro', null)).toBe('Windows 10 Pro');
    expect(vmNameForDomain('übung', null)).toBe('übung');
  });

  it('escapes what would split, fake or hide a name: , / % control and bidi characters, outer spaces', () => {
    expect(vmNameForDomain('a,b', null)).toBe('a%2Cb');
    expect(vmNameForDomain('50%', null)).toBe('50%25');
    expect(vmNameForDomain('x\u202etxt.exe', null)).toBe('x%E2%80%AEtxt.exe');
    expect(vmNameForDomain('tab\there', null)).toBe('tab%09here');
    expect(vmNameForDomain(' padded ', null)).toBe('%20padded%20');
  });

  it('puts HOST/ in front, the host escaped too', () => {
    expect(vmNameForDomain('web', 'hv2')).toBe('hv2/web');
    expect(vmNameForDomain('a/b', 'local')).toBe('local/a%2Fb');
  });

  it('cuts very long names, keeping them distinct by a hash', () => {
    const a = vmNameForDomain('x'.repeat(300) + 'a', null);
    const b = vmNameForDomain('x'.repeat(300) + 'b', null);
    expect(a.length).toBeLessThanOrEqual(MAX_VM_NAME_LENGTH);
    expect(a).not.toBe(b);
  });
});

describe('domainNamer', () => {
  it('names a domain by its name, or HOST/DOMAIN with several connections or a --vm of that name', () => {
    expect(domainNamer('qemu:///system', 1, new Set(['db']))('web')).toBe('web');
    expect(domainNamer('qemu:///system', 1, new Set(['db']))('db')).toBe('local/db');
    expect(domainNamer('qemu+ssh://root@hv2:2222/system', 2, new Set())('web')).toBe('hv2/web');
    expect(domainNamer('qemu+tcp://[::1]/system', 2, new Set())('web')).toBe('[::1]/web');
  });
});
