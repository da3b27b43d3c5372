/**
 * Events newer QEMU sends that the old schema (qapi/event.json) lacks. Their fields
 * are left to the UI's generic rendering; the catalogue gives what they mean, where
 * they belong and how much they matter.
 */
import { readName } from '../dataReader.js';
import { defineEvent } from '../define.js';
import type { Category, EventInfo, Severity } from '../model.js';

/** Keys that usually name the object an event is about, most telling first. */
const IDENTITY_KEYS = ['device', 'id', 'netdev-id', 'node-name', 'qom-path', 'reference', 'name'] as const;

/** The first identifying string in `data` ("drive0"), for events the catalogue has no specific summary for. */
export function describeGenerically(data: unknown): string | undefined {
  for (const key of IDENTITY_KEYS) {
    const value = readName(data, key);
    if (value !== undefined) return value;
  }
  return undefined;
}

const newer = (name: string, since: string, category: Category, severity: Severity, summary: string): EventInfo =>
  defineEvent({ name, since, category, severity, summary, inOldSchema: false, describe: describeGenerically });

export const newerEvents: EventInfo[] = [
  newer('GUEST_CRASHLOADED', '5.0', 'guest-health', 'error', 'The guest crashed and is loading a crash kernel to capture a dump.'),
  newer('GUEST_PVSHUTDOWN', '9.1', 'power', 'notice', 'The guest asked to power off through the paravirtual pvpanic device.'),
  newer(
    'MEMORY_FAILURE',
    '5.2',
    'guest-health',
    'error',
    'The host reported a hardware memory error affecting guest memory, and what was done about it.',
  ),
  newer(
    'MEMORY_DEVICE_SIZE_CHANGE',
    '5.1',
    'memory',
    'info',
    'A memory device (e.g. virtio-mem) changed how much memory it gives the guest.',
  ),
  newer('HV_BALLOON_STATUS_REPORT', '8.2', 'memory', 'info', 'The Hyper-V balloon driver in the guest reported its memory use.'),
  newer('DEVICE_TRAY_MOVED', '1.1', 'devices', 'info', 'The tray of a removable-media drive (CD-ROM) opened or closed.'),
  newer('DEVICE_UNPLUG_GUEST_ERROR', '6.2', 'devices', 'error', 'The guest refused or failed to release a device being unplugged.'),
  newer('FAILOVER_NEGOTIATED', '4.2', 'migration', 'info', 'The guest accepted virtio-net failover, so a primary NIC can be plugged in.'),
  newer('UNPLUG_PRIMARY', '4.2', 'migration', 'info', 'The primary NIC of a failover pair was unplugged before migration.'),
  newer('NETDEV_STREAM_CONNECTED', '7.2', 'devices', 'info', 'A stream network backend connected to its peer.'),
  newer('NETDEV_STREAM_DISCONNECTED', '7.2', 'devices', 'warning', 'A stream network backend lost its peer.'),
  newer('NETDEV_VHOST_USER_CONNECTED', '10.0', 'devices', 'info', 'A vhost-user network backend connected to its peer process.'),
  newer('NETDEV_VHOST_USER_DISCONNECTED', '10.0', 'devices', 'warning', 'A vhost-user network backend lost its peer process.'),
  newer('VFIO_MIGRATION', '9.1', 'migration', 'info', 'A passed-through (VFIO) device changed migration state.'),
  newer('BLOCK_IMAGE_CORRUPTED', '1.7', 'storage', 'error', 'A disk image was found corrupt; it may have been made read-only.'),
  newer('BLOCK_JOB_COMPLETED', '1.1', 'storage', 'info', 'A block job (copy, mirror, commit, backup, stream) finished.'),
  newer('BLOCK_JOB_CANCELLED', '1.1', 'storage', 'notice', 'A block job was cancelled before finishing.'),
  newer('BLOCK_JOB_ERROR', '1.3', 'storage', 'error', 'A block job hit an I/O error.'),
  newer('BLOCK_JOB_READY', '1.3', 'storage', 'info', 'A block job is in sync and waits to be completed.'),
  newer('BLOCK_JOB_PENDING', '2.12', 'storage', 'info', 'A block job is done with its work and waits to be finalised.'),
  newer('JOB_STATUS_CHANGE', '3.0', 'storage', 'info', 'A background job changed state.'),
  newer(
    'BLOCK_WRITE_THRESHOLD',
    '2.3',
    'storage',
    'warning',
    'Guest writes crossed the threshold set on a disk (typically: the image needs to grow).',
  ),
  newer('BLOCK_EXPORT_DELETED', '5.2', 'storage', 'info', 'A block export (NBD, FUSE, vhost-user-blk) was removed.'),
  newer('PR_MANAGER_STATUS_CHANGED', '3.0', 'storage', 'notice', 'The persistent-reservation helper connected or disconnected.'),
  newer('COLO_EXIT', '3.1', 'migration', 'warning', 'The VM left COLO fault-tolerance mode.'),
];
