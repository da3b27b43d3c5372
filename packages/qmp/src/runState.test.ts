import { describe, expect, it } from 'vitest';
import { applyRunStateEvent, runStateFromQuery, type RunState } from './runState.js';
import type { JsonObject } from './types.js';

function run(start: RunState, events: Array<[string, JsonObject?]>): Pick<RunState, 'status' | 'running'> {
  const end = events.reduce((s, [name, data]) => applyRunStateEvent(s, name, data), start);
  return { status: end.status, running: end.running };
}

describe('run state', () => {
  const running = runStateFromQuery('running', true);
  const prelaunch = runStateFromQuery('prelaunch', false);

  it('follows STOP / RESUME', () => {
    expect(run(prelaunch, [['RESUME']])).toEqual({ status: 'running', running: true });
    expect(run(running, [['STOP']])).toEqual({ status: 'paused', running: false });
    expect(run(running, [['STOP'], ['RESUME']])).toEqual({ status: 'running', running: true });
  });

  it('keeps "shutdown" when STOP follows SHUTDOWN (-no-shutdown)', () => {
    expect(run(running, [['SHUTDOWN', { guest: true, reason: 'guest-shutdown' }], ['STOP']])).toEqual({
      status: 'shutdown',
      running: false,
    });
  });

  it('a STOP after SHUTDOWN then RESUME is a plain pause again', () => {
    expect(run(running, [['SHUTDOWN'], ['STOP'], ['RESUME'], ['STOP']])).toEqual({ status: 'paused', running: false });
  });

  it('handles SUSPEND / WAKEUP', () => {
    expect(run(running, [['SUSPEND']])).toEqual({ status: 'suspended', running: false });
    expect(run(running, [['SUSPEND'], ['WAKEUP']])).toEqual({ status: 'running', running: true });
  });

  it('leaves the status alone on RESET and unrelated events', () => {
    expect(applyRunStateEvent(running, 'RESET', { guest: false, reason: 'host-qmp-system-reset' })).toBe(running);
    expect(applyRunStateEvent(running, 'BALLOON_CHANGE', { actual: 1 })).toBe(running);
    expect(run(prelaunch, [['RESET']])).toEqual({ status: 'prelaunch', running: false });
  });

  it('names the stop after a panic or watchdog with action pause', () => {
    expect(run(running, [['GUEST_PANICKED', { action: 'pause' }], ['STOP']])).toEqual({ status: 'guest-panicked', running: false });
    expect(run(running, [['WATCHDOG', { action: 'pause' }], ['STOP']])).toEqual({ status: 'watchdog', running: false });
    expect(run(running, [['WATCHDOG', { action: 'reset' }], ['RESET']])).toEqual({ status: 'running', running: true });
  });
});
