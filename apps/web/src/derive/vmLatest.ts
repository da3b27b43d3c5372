import type { StoredEvent } from '@qmpscope/events';
import { classOf } from './eventFacets';

/** Per VM, its newest event and its newest warning or error. */
export interface VmLatestEvents {
  readonly last: ReadonlyMap<string, StoredEvent>;
  /** Kept after later events, so the overview keeps a panic in sight. */
  readonly problems: ReadonlyMap<string, StoredEvent>;
}

export const NO_VM_EVENTS: VmLatestEvents = { last: new Map(), problems: new Map() };

const newer = (map: Map<string, StoredEvent>, e: StoredEvent): boolean => {
  const known = map.get(e.vm);
  return known === undefined || known.seq < e.seq;
};

/**
 * Follows batches of events and hands out immutable per-VM maps: a new pair only after a batch
 * changed something, so a reader comparing identities re-renders only then.
 */
export class VmLatest {
  private readonly last = new Map<string, StoredEvent>();
  private readonly problems = new Map<string, StoredEvent>();
  private shown: VmLatestEvents = NO_VM_EVENTS;
  private dirty = false;

  /** Takes a batch in (any order, repeats allowed: only a newer seq replaces a VM's entry). */
  note(batch: readonly StoredEvent[]): void {
    for (const e of batch) {
      if (newer(this.last, e)) {
        this.last.set(e.vm, e);
        this.dirty = true;
      }
      const { severity } = classOf(e);
      if ((severity === 'warning' || severity === 'error') && newer(this.problems, e)) {
        this.problems.set(e.vm, e);
        this.dirty = true;
      }
    }
  }

  /** The maps as of the last batch; the same object until a batch changes them. */
  snapshot(): VmLatestEvents {
    if (this.dirty) {
      this.shown = { last: new Map(this.last), problems: new Map(this.problems) };
      this.dirty = false;
    }
    return this.shown;
  }
}
