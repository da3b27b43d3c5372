import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTarget, parseTarget, TargetError } from './target.js';

describe('parseTarget', () => {
  it('parses unix and tcp targets', () => {
    expect(parseTarget('unix:/run/vm1.qmp')).toEqual({ kind: 'unix', path: '/run/vm1.qmp' });
    expect(parseTarget('tcp:127.0.0.1:4444')).toEqual({ kind: 'tcp', host: '127.0.0.1', port: 4444 });
    expect(parseTarget('tcp:[::1]:4444')).toEqual({ kind: 'tcp', host: '::1', port: 4444 });
    expect(parseTarget('tcp:vmhost.example:5')).toEqual({ kind: 'tcp', host: 'vmhost.example', port: 5 });
  });

  it('rejects bad input with an actionable TargetError', () => {
    expect(() => parseTarget('foo')).toThrow(new TargetError('invalid QMP target "foo": expected unix:/path/to/socket or tcp:host:port'));
    for (const bad of ['unix:', 'tcp:host', 'tcp::4444', 'tcp:h:0', 'tcp:h:70000', 'tcp:h:12x', 'tcp:::1:4444', 'tcp:[::1]4444']) {
      expect(() => parseTarget(bad), bad).toThrow(TargetError);
    }
  });

  it('accepts port 0 only for listening', () => {
    expect(() => parseTarget('tcp:127.0.0.1:0')).toThrow(/from 1 to 65535/);
    expect(parseTarget('tcp:127.0.0.1:0', { listen: true })).toEqual({ kind: 'tcp', host: '127.0.0.1', port: 0 });
  });

  it('formatTarget is its inverse', () => {
    const target = fc.oneof(
      fc.record({ kind: fc.constant('unix' as const), path: fc.string({ minLength: 1 }).filter((p) => p.trim() === p) }),
      fc.record({
        kind: fc.constant('tcp' as const),
        host: fc.constantFrom('localhost', '10.0.0.1', '::1', 'fe80::1'),
        port: fc.integer({ min: 1, max: 65535 }),
      }),
    );
    fc.assert(
      fc.property(target, (t) => {
        expect(parseTarget(formatTarget(t))).toEqual(t);
      }),
    );
  });
});
