import type { StoredEvent, VmInfo } from '@qmpscope/events';
import type { DeletedRange, VmTotals } from './eventStore.js';

type Totals = Pick<VmInfo, 'eventCount' | 'lastEvent'>;

/**
 * Event count and newest event per VM, kept in memory: seeded once from the store with a
 * GROUP BY, then updated per ingested batch and per retention chunk, so /api/vms never counts rows.
 */
export class VmCounters {
  private readonly byVm = new Map<string, Totals>();
  private totalCount = 0;

  constructor(seed: readonly VmTotals[]) {
    for (const t of seed) {
      this.byVm.set(t.vm, { eventCount: t.eventCount, lastEvent: t.lastEvent });
      this.totalCount += t.eventCount;
    }
  }

  get total(): number {
    return this.totalCount;
  }

  /** VMs with events stored, in the order first seen. */
  names(): string[] {
    return [...this.byVm.keys()];
  }

  get(vm: string): Totals {
    return this.byVm.get(vm) ?? { eventCount: 0, lastEvent: null };
  }

  /** Adds a batch (ascending seq); returns the VMs whose totals changed. */
  addBatch(batch: readonly StoredEvent[]): Set<string> {
    const changed = new Set<string>();
    for (const ev of batch) {
      let t = this.byVm.get(ev.vm);
      if (!t) {
        t = { eventCount: 0, lastEvent: null };
        this.byVm.set(ev.vm, t);
      }
      t.eventCount += 1;
      t.lastEvent = { seq: ev.seq, event: ev.event, timestamp: ev.timestamp };
      changed.add(ev.vm);
    }
    this.totalCount += batch.length;
    return changed;
  }

  /** Applies a retention deletion; returns the VMs whose totals changed. */
  removeDeleted(range: DeletedRange): Set<string> {
    const changed = new Set<string>();
    for (const [vm, n] of range.perVm) {
      const t = this.byVm.get(vm);
      if (!t) continue;
      t.eventCount = Math.max(0, t.eventCount - n);
      if (t.eventCount === 0 || (t.lastEvent && t.lastEvent.seq <= range.uptoSeq)) t.lastEvent = null;
      changed.add(vm);
    }
    this.totalCount = Math.max(0, this.totalCount - range.deleted);
    return changed;
  }
}
