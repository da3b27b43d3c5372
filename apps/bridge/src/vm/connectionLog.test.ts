import { describe, expect, it } from 'vitest';
import { ConnectionLog } from './connectionLog.js';

describe('ConnectionLog', () => {
  it('counts each change into connected once and keeps the time of the last one', () => {
    const log = new ConnectionLog();
    expect(log.get('a')).toEqual({ connects: 0, lastConnectedAt: null });
    log.observe('a', { connection: 'connecting', connectionSince: 1 });
    log.observe('a', { connection: 'connected', connectionSince: 2 });
    // A second report while still connected (a status change) is not a new connect.
    log.observe('a', { connection: 'connected', connectionSince: 2 });
    expect(log.get('a')).toEqual({ connects: 1, lastConnectedAt: 2 });
    log.observe('a', { connection: 'disconnected', connectionSince: 3 });
    log.observe('a', { connection: 'connected', connectionSince: 4 });
    expect(log.get('a')).toEqual({ connects: 2, lastConnectedAt: 4 });
    expect(log.get('b')).toEqual({ connects: 0, lastConnectedAt: null });
  });
});
