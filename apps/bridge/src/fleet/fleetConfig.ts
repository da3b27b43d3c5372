/** `--fleet URL --node NAME --fleet-retention N` and the config file's `fleet` object, checked. */
export interface FleetConfig {
  /** redis:// or rediss:// URL; may hold a password: show it only through redactFleetUrl. */
  redis: string;
  node: string;
  /** Entries the fleet log in Redis keeps (older ones are trimmed). */
  retentionEvents: number;
  /** Entries older than this are trimmed too (null: no age bound). */
  retentionMaxAgeMs: number | null;
}

/**
 * One million entries: ~100 s of a 10,000 events/s fleet, or days of a calm one, in ~250 MB of
 * Redis memory at the measured ~250 bytes an entry (docs/FLEET.md).
 */
export const DEFAULT_FLEET_RETENTION = 1_000_000;
