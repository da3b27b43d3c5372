import { enumValues } from '../define.js';
import type { EnumTypeInfo } from '../model.js';

const values = enumValues([
  ['reset', 'The VM is reset (a RESET event follows).'],
  ['shutdown', 'The guest is asked to shut down, as if its power button was pressed (a SHUTDOWN event follows).'],
  ['poweroff', 'The VM is switched off at once, QEMU exits.'],
  ['pause', 'The VM is paused (a STOP event follows).'],
  ['debug', 'QEMU prints a debug message and the guest keeps running.'],
  ['none', 'Nothing is done.'],
  ['inject-nmi', 'A non-maskable interrupt is sent to the guest.', '2.4'],
]);

export const WatchdogExpirationAction: EnumTypeInfo = {
  kind: 'enum',
  name: 'WatchdogExpirationAction',
  description: "What QEMU does when the guest's watchdog timer runs out (set with -watchdog-action).",
  since: '2.1',
  values,
};

/** Newer QEMU's name for the same enum. */
export const WatchdogAction: EnumTypeInfo = { ...WatchdogExpirationAction, name: 'WatchdogAction' };
