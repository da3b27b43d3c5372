import type { StoredEvent } from '@qmpscope/events';
import type { ChartData } from '../derive/chartData';
import type { EventView } from '../derive/eventView';
import type { Window } from '../derive/filterEvents';
import type { RelatedEvents } from '../derive/relatedEvents';
import type { SelectedEvent } from '../derive/selectedEvent';
import type { TimelineColumns } from '../derive/timelineIndex';
import type { VmLatestEvents } from '../derive/vmLatest';
import type { FeedPhase } from './heldEvents';

/*
 * What the live engine publishes, one immutable snapshot per view; components read them with
 * useLive and never change them.
 */

export interface ListSnapshot {
  view: EventView;
  window: Window;
}
export interface ReadoutSnapshot {
  /** Events shown (filtered). */
  count: number;
  /** Events held in the log, shown or not. */
  held: number;
  /** Events held per event name. */
  names: ReadonlyMap<string, number>;
  /** Events arrived since the view was paused (0 when not paused). */
  newWhilePaused: number;
}
export interface TimelineSnapshot {
  events: readonly StoredEvent[];
  columns: TimelineColumns;
  related: RelatedEvents;
  draw: boolean;
  window: Window;
  /** The clock the timeline's live end follows (frozen while paused). */
  now: number;
}
export interface ChartSnapshot {
  data: ChartData;
  /** The charts' shared x domain; undefined fits the data. */
  domain: [number, number] | undefined;
  draw: boolean;
}

export interface Snapshots {
  list: ListSnapshot;
  readout: ReadoutSnapshot;
  phase: FeedPhase;
  /** Every event the page shows, filtered or not, as of this moment. */
  held: EventView;
  /** The selected event with its neighbours, for the detail pane. */
  selected: SelectedEvent;
  /** Per VM of the bridge (not of a recording), its newest event and newest problem. */
  vmEvents: VmLatestEvents;
  timeline: TimelineSnapshot;
  balloon: ChartSnapshot;
  rtc: ChartSnapshot;
  migration: ChartSnapshot;
}
export type ViewName = keyof Snapshots;
export const CHART_VIEWS = ['balloon', 'rtc', 'migration'] as const;
