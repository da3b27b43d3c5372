import type { JsonObject } from './types.js';

/** The run-state part of QmpVmInfo, plus the last run-state event (needed to read STOP right). */
export interface RunState {
  status: string | null;
  running: boolean | null;
  /** Name of the last event that changed the run state, e.g. "SHUTDOWN". */
  lastEvent: string | null;
  /** For STOP: which status the stop lands in, decided by the event just before it. */
  stopStatus: string;
}

export const INITIAL_RUN_STATE: RunState = { status: null, running: null, lastEvent: null, stopStatus: 'paused' };

/** The state right after query-status answered. */
export function runStateFromQuery(status: string, running: boolean): RunState {
  return { status, running, lastEvent: null, stopStatus: 'paused' };
}

/**
 * Applies one QMP event to the run state; returns the same object when nothing
 * changed so callers can compare by identity. QEMU announces why it stops just
 * before STOP (SHUTDOWN with -no-shutdown, GUEST_PANICKED/WATCHDOG with action
 * pause), so STOP lands in that status, as query-status would report it.
 */
export function applyRunStateEvent(state: RunState, event: string, data?: JsonObject): RunState {
  switch (event) {
    case 'STOP':
      return set(state, event, state.stopStatus, false, 'paused');
    case 'RESUME':
    case 'WAKEUP':
      return set(state, event, 'running', true, 'paused');
    case 'SHUTDOWN':
      return set(state, event, 'shutdown', false, 'shutdown');
    case 'SUSPEND':
      return set(state, event, 'suspended', false, 'paused');
    case 'GUEST_PANICKED':
      return data?.['action'] === 'pause' ? { ...state, lastEvent: event, stopStatus: 'guest-panicked' } : state;
    case 'WATCHDOG':
      return data?.['action'] === 'pause' ? { ...state, lastEvent: event, stopStatus: 'watchdog' } : state;
    case 'BLOCK_IO_ERROR':
      return data?.['action'] === 'stop' ? { ...state, lastEvent: event, stopStatus: 'io-error' } : state;
    default:
      // RESET keeps the status: a reset VM stays running or paused.
      return state;
  }
}

function set(state: RunState, event: string, status: string, running: boolean, stopStatus: string): RunState {
  if (state.status === status && state.running === running && state.stopStatus === stopStatus) {
    return state.lastEvent === event ? state : { ...state, lastEvent: event };
  }
  return { status, running, lastEvent: event, stopStatus };
}
