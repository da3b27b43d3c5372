import type { StoredEvent } from '@qmpscope/events';
import { indexOfSeq, type EventView } from './eventView';
import { neighbours, type Neighbours } from './neighbours';

/** What the detail pane shows for the selection. */
export type SelectedEvent =
  | { readonly kind: 'none' }
  /** Not held while the history still arrives: it may be on its way. */
  | { readonly kind: 'arriving'; readonly seq: number }
  /** Not held and nothing more is coming: retention removed it, or it never existed. */
  | { readonly kind: 'missing'; readonly seq: number }
  | { readonly kind: 'found'; readonly seq: number; readonly event: StoredEvent; readonly neighbours: Neighbours };

export const NOTHING_SELECTED: SelectedEvent = { kind: 'none' };

/**
 * Finds the selected event and its neighbours in the events held, and keeps them current as
 * events arrive: a later event can become the next of its VM or name, so each update scans only
 * the events added since the last one, and returns the same object while nothing changed.
 */
export class SelectedEventScan {
  private shown: SelectedEvent = NOTHING_SELECTED;
  /** The held array the found event was looked up in, and how far it has been scanned. */
  private scanned: { items: readonly StoredEvent[]; upto: number } | null = null;

  update(held: EventView, seq: number | null, historyArriving: boolean): SelectedEvent {
    if (seq === null) return this.show(NOTHING_SELECTED, null);
    const prev = this.shown;
    if (prev.kind === 'found' && prev.seq === seq && this.scanned?.items === held.items) return this.extend(prev, held);
    const index = indexOfSeq(held, seq);
    if (index < 0) {
      const kind = historyArriving ? 'arriving' : 'missing';
      return this.show(prev.kind === kind && prev.seq === seq ? prev : { kind, seq }, null);
    }
    const event = held.items[index] as StoredEvent;
    const found: SelectedEvent = { kind: 'found', seq, event, neighbours: neighbours(held.items, index, held.length) };
    return this.show(found, { items: held.items, upto: held.length });
  }

  private show(s: SelectedEvent, scanned: { items: readonly StoredEvent[]; upto: number } | null): SelectedEvent {
    this.shown = s;
    this.scanned = scanned;
    return s;
  }

  /** Looks for a missing next neighbour among the events added since the last scan. */
  private extend(prev: Extract<SelectedEvent, { kind: 'found' }>, held: EventView): SelectedEvent {
    const scanned = this.scanned as { items: readonly StoredEvent[]; upto: number };
    let { nextSameVm, nextSameName } = prev.neighbours;
    const me = prev.event;
    for (let i = scanned.upto; i < held.length && (!nextSameVm || !nextSameName); i++) {
      const e = held.items[i] as StoredEvent;
      if (!nextSameVm && e.vm === me.vm) nextSameVm = e;
      if (!nextSameName && e.event === me.event) nextSameName = e;
    }
    scanned.upto = held.length;
    if (nextSameVm === prev.neighbours.nextSameVm && nextSameName === prev.neighbours.nextSameName) return prev;
    return this.show({ ...prev, neighbours: { ...prev.neighbours, nextSameVm, nextSameName } }, scanned);
  }
}
