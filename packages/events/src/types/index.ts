import type { TypeInfo } from '../model.js';
import { ACPIOSTInfo, ACPISlotType } from './acpi.js';
import { BlockErrorAction, IoOperationType } from './block.js';
import { DumpQueryResult, DumpStatus } from './dump.js';
import {
  GuestPanicAction,
  GuestPanicInformation,
  GuestPanicInformationHyperV,
  GuestPanicInformationS390,
  GuestPanicInformationType,
  S390CrashReason,
} from './guestPanic.js';
import { MigrationStatus } from './migration.js';
import { NetworkAddressFamily } from './network.js';
import { QuorumOpType } from './quorum.js';
import { ShutdownCause } from './shutdownCause.js';
import { SpiceBasicInfo, SpiceChannel, SpiceServerInfo } from './spice.js';
import { VncBasicInfo, VncClientInfo, VncServerInfo } from './vnc.js';
import { WatchdogAction, WatchdogExpirationAction } from './watchdog.js';

/** Every type the catalogue's fields refer to, by QAPI name. */
export const ALL_TYPES: readonly TypeInfo[] = [
  ACPIOSTInfo,
  ACPISlotType,
  BlockErrorAction,
  DumpQueryResult,
  DumpStatus,
  GuestPanicAction,
  GuestPanicInformation,
  GuestPanicInformationHyperV,
  GuestPanicInformationS390,
  GuestPanicInformationType,
  IoOperationType,
  MigrationStatus,
  NetworkAddressFamily,
  QuorumOpType,
  S390CrashReason,
  ShutdownCause,
  SpiceBasicInfo,
  SpiceChannel,
  SpiceServerInfo,
  VncBasicInfo,
  VncClientInfo,
  VncServerInfo,
  WatchdogAction,
  WatchdogExpirationAction,
];

export { SPICE_CHANNEL_TYPES } from './spice.js';
