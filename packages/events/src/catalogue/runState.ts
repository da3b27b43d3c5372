import { defineEvent } from '../define.js';
import type { EventInfo } from '../model.js';

export const runStateEvents: EventInfo[] = [
  defineEvent({
    name: 'STOP',
    summary: "The VM's CPUs were paused.",
    category: 'run-state',
    severity: 'notice',
    since: '0.12.0',
    notes: ['Often the consequence of an earlier event: WATCHDOG pause, BLOCK_IO_ERROR with action stop, SHUTDOWN with -no-shutdown.'],
  }),
  defineEvent({
    name: 'RESUME',
    summary: "The VM's CPUs are running again.",
    category: 'run-state',
    severity: 'info',
    since: '0.12.0',
  }),
];
