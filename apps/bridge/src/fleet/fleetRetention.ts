import { UsageError } from '../cli/usageError.js';
import { FLEET_KEYS } from './fleetKeys.js';
import type { FleetLink } from './fleetLink.js';

/** `--fleet-retention`: entries (`1000000`) or an age (`90m`, `24h`, `7d`); both bounds apply when both are given. */
export interface FleetRetention {
  maxEntries: number;
  maxAgeMs: number | null;
}

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** Parses one `--fleet-retention` value into the bound it sets. */
export function parseFleetRetention(value: string, where: string): Partial<FleetRetention> {
  const entries = /^\d+$/.test(value) ? Number(value) : NaN;
  if (Number.isSafeInteger(entries) && entries >= 1000) return { maxEntries: entries };
  const age = /^(\d{1,6})([mhd])$/.exec(value);
  if (age) {
    const ms = Number(age[1]) * UNIT_MS[age[2] as keyof typeof UNIT_MS];
    if (ms > 0) return { maxAgeMs: ms };
  }
  throw new UsageError(`${where} ${JSON.stringify(value)}: expected a number of entries (1000 or more) or an age like 90m, 24h, 7d`);
}

/** How often the age bound is applied. */
const TRIM_EVERY_MS = 60_000;

/**
 * Trims log entries older than the age bound (the entry count bound is XADD's MAXLEN). Entries
 * carry no time in their ID (it is the seq), so the first one young enough is found by a binary
 * search over seqs (~20 XRANGE of one entry), then XTRIM MINID. Every bridge does it; it is idempotent.
 */
export class FleetTrimmer {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly link: FleetLink,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.trimOnce().catch((err: unknown) => this.link.noteFailure(err)), TRIM_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Trims once; resolves with the first seq kept (null: nothing to trim). */
  async trimOnce(): Promise<number | null> {
    if (!this.link.reachable) return null;
    const cutoff = this.now() - this.maxAgeMs;
    const first = await this.entryAtOrAfter(0);
    const last = await this.lastEntry();
    if (first === null || last === null || first.receivedAt >= cutoff) return null;
    let lo = first.seq;
    let hi = last.seq + 1;
    // Invariant: entries below lo are older than the cutoff; hi is young enough or past the end.
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const e = await this.entryAtOrAfter(mid);
      if (e === null || e.receivedAt >= cutoff) hi = mid;
      else lo = e.seq + 1;
    }
    await this.link.commands.call('XTRIM', FLEET_KEYS.log, 'MINID', `${lo}-0`);
    return lo;
  }

  private async entryAtOrAfter(seq: number): Promise<{ seq: number; receivedAt: number } | null> {
    return timed(await this.link.commands.call('XRANGE', FLEET_KEYS.log, `${seq}-0`, '+', 'COUNT', 1));
  }

  private async lastEntry(): Promise<{ seq: number; receivedAt: number } | null> {
    return timed(await this.link.commands.call('XREVRANGE', FLEET_KEYS.log, '+', '-', 'COUNT', 1));
  }
}

/** The seq and receipt time of the one entry of an XRANGE reply; a foreign entry counts as old. */
function timed(reply: unknown): { seq: number; receivedAt: number } | null {
  if (!Array.isArray(reply) || !Array.isArray(reply[0])) return null;
  const [id, fields] = reply[0] as [unknown, unknown];
  const seq = Number(String(id).split('-')[0]);
  if (!Number.isSafeInteger(seq)) return null;
  let receivedAt = 0;
  if (Array.isArray(fields)) {
    const at = fields.indexOf('e');
    try {
      const body: unknown = at >= 0 ? JSON.parse(String(fields[at + 1])) : null;
      if (typeof body === 'object' && body !== null && 'receivedAt' in body && typeof body.receivedAt === 'number')
        receivedAt = body.receivedAt;
    } catch {
      // Not an event of ours: treated as old, so the trim goes past it.
      receivedAt = 0;
    }
  }
  return { seq, receivedAt };
}
