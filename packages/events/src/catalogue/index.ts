import type { EventInfo } from '../model.js';
import { deviceEvents } from './devices.js';
import { displayEvents } from './display.js';
import { guestHealthEvents } from './guestHealth.js';
import { memoryEvents } from './memory.js';
import { migrationEvents } from './migration.js';
import { newerEvents } from './newer.js';
import { powerEvents } from './power.js';
import { runStateEvents } from './runState.js';
import { storageEvents } from './storage.js';

/** Every event the catalogue knows: the old schema's 29, then newer ones. */
export const ALL_EVENTS: readonly EventInfo[] = [
  ...runStateEvents,
  ...powerEvents,
  ...displayEvents,
  ...migrationEvents,
  ...memoryEvents,
  ...deviceEvents,
  ...storageEvents,
  ...guestHealthEvents,
  ...newerEvents,
];

export { describeGenerically } from './newer.js';
