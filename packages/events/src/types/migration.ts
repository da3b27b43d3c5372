import { enumValues } from '../define.js';
import type { EnumTypeInfo } from '../model.js';

export const MigrationStatus: EnumTypeInfo = {
  kind: 'enum',
  name: 'MigrationStatus',
  description: 'Stage a live migration is in.',
  since: '2.3',
  values: enumValues([
    ['none', 'No migration has started.'],
    ['setup', 'Migration is being prepared (connections, parameters).'],
    ['cancelling', 'A cancel was requested and is being carried out.'],
    ['cancelled', 'Migration was cancelled; the source VM keeps running.'],
    ['active', 'Memory and device state are being copied while the guest runs.'],
    ['postcopy-active', 'The guest now runs on the destination; remaining pages are fetched on demand.', '2.5'],
    ['postcopy-device', 'Postcopy, but the destination is still loading device state and not running yet.', '10.2', false],
    ['postcopy-paused', 'Postcopy was interrupted (e.g. network loss) and waits for a recovery.', '3.0', false],
    ['postcopy-recover-setup', 'Preparing to recover a paused postcopy migration.', '9.1', false],
    ['postcopy-recover', 'Recovering a paused postcopy migration.', '3.0', false],
    ['completed', 'Migration finished successfully.'],
    ['failed', 'Migration failed; see query-migrate for the error.'],
    ['colo', 'The VM runs in COLO (coarse-grained lock-stepping) fault-tolerance mode.', '2.8'],
    ['pre-switchover', 'Paused before the final switch to the destination, waiting for the management layer.', '2.11', false],
    ['device', 'Copying the final device state while the guest is stopped.', '2.11', false],
    ['wait-unplug', 'Waiting for the guest to release devices that must be unplugged before migrating (e.g. VFIO failover).', '4.2', false],
  ]),
};
