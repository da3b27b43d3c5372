import type { StoredEvent } from '@qmpscope/events';
import { ChartDataBuilder, type ChartData } from '../derive/chartData';
import { EMPTY_VIEW, viewEvents, type EventView } from '../derive/eventView';
import type { Filters, Window } from '../derive/filterEvents';
import { NO_RELATED, RelatedBuilder } from '../derive/relatedEvents';
import { EMPTY_COLUMNS, TimelineIndex } from '../derive/timelineIndex';
import { resolveRange, type TimeRange } from '../derive/timeRange';
import { VisibleEvents } from '../derive/visibleEvents';
import type { Recording } from '../recording/assemble';
import { NOTHING_SELECTED, SelectedEventScan } from '../derive/selectedEvent';
import { NO_VM_EVENTS } from '../derive/vmLatest';
import { browserClock, type LiveClock } from './clock';
import type { EventLog } from './eventLog';
import { HeldEvents, type FeedPhase } from './heldEvents';
import { PendingEvents } from './pendingEvents';
import { SearchWarmup } from './searchWarmup';
import { NameCounts } from '../derive/nameCounts';
import { redrawSpacingMs } from './redrawSpacing';
import { ViewScheduler, type ViewPolicy } from './viewScheduler';
import type { ChartSnapshot, Snapshots, ViewName } from './snapshots';

/** What the engine reads from the page's store: the user's choices. The engine owns the events. */
export interface EngineInput {
  /** An imported file shown instead of the live events (its events are never changed). */
  recording: Recording | null;
  filters: Filters;
  range: TimeRange;
  paused: boolean;
  /** The clock when the view was paused; the engine freezes the events held at the same moment. */
  frozenNow: number;
  selectedSeq: number | null;
}

export interface InputSource {
  getState(): EngineInput;
  subscribe(listener: () => void): () => void;
}

/** While the history arrives, heavy views take it in this often (each feed copies the view so far). */
export const HISTORY_FEED_MS = 500;
/** While the history arrives, the list shows its progress at this pace (the first page at once). */
export const HISTORY_LIST_MS = 250;
/** Readouts (the export panel's count) follow a stream at this pace: nobody reads them 60 times a second. */
export const READOUT_SPACING_MS = 250;
/** A relative window's start moves with the clock at this step. */
export const WINDOW_TICK_MS = 1000;
/** A live chart start snaps to this step, so recharts' axes are not rebuilt every second. */
const CHART_START_STEP_MS = 5000;

const NO_CHARTS: ChartData = { balloon: new Map(), rtc: new Map(), passes: new Map(), marks: [] };

function sameWindow(a: Window, b: Window): boolean {
  return a.from === b.from && a.to === b.to;
}

/**
 * The page's live pipeline outside React: it filters the log into the list's view, keeps the
 * timeline index and chart series current, and publishes an immutable snapshot per view when
 * its ViewScheduler says so. Components read snapshots (useLive) and only draw them.
 */
export class LiveEngine {
  private readonly scheduler: ViewScheduler<ViewName>;
  private readonly listeners = new Map<ViewName, Set<() => void>>();
  private readonly visible = new VisibleEvents();
  private readonly index = new TimelineIndex();
  private readonly relatedBuilder = new RelatedBuilder();
  private readonly chartBuilder = new ChartDataBuilder();
  private readonly selectedScan = new SelectedEventScan();
  private readonly held = new HeldEvents();
  /** In a fleet: the bridge's own events that have no fleet seq yet, held apart from the log. */
  readonly pending = new PendingEvents();
  /** Builds the newest shown events' search text in idle time. */
  readonly warmup: SearchWarmup;
  /** The log shown (the live one or a recording's) and the phase it is in. */
  private log: EventLog;
  private phase: FeedPhase;
  /** Events held when the view was paused: the paused view ends there. */
  private frozenCount = 0;
  private input: EngineInput | null = null;
  /** One counter per log: a recording's log is not an extension of the live one. */
  private counted: { log: EventLog | null; counts: NameCounts } = { log: null, counts: new NameCounts() };
  private window: Window = { from: -Infinity, to: Infinity };
  private view: EventView = EMPTY_VIEW;
  /** The list view the heavy views' array and chart data were taken from. */
  private heavyOf: { view: EventView; events: readonly StoredEvent[]; charts: ChartData | null } = {
    view: EMPTY_VIEW,
    events: [],
    charts: null,
  };
  private readonly snapshots: Snapshots;
  private stopTicking: (() => void) | null = null;

  constructor(
    private readonly source: InputSource,
    private readonly clock: LiveClock = browserClock,
  ) {
    ({ log: this.log, phase: this.phase } = this.held.shown(null));
    this.warmup = new SearchWarmup(clock);
    const heavy = (minMs: number, usPerEvent: number): ViewPolicy => ({
      kind: 'spaced',
      spacingMs: () => (this.phase === 'history' ? HISTORY_FEED_MS : redrawSpacingMs(this.view.length, minMs, usPerEvent)),
    });
    this.scheduler = new ViewScheduler<ViewName>(
      clock,
      {
        list: { kind: 'frame', historyMs: () => (this.phase === 'history' ? HISTORY_LIST_MS : 0) },
        readout: { kind: 'spaced', spacingMs: () => READOUT_SPACING_MS, light: true },
        phase: { kind: 'frame' },
        held: { kind: 'spaced', spacingMs: () => READOUT_SPACING_MS, light: true },
        selected: { kind: 'frame' },
        vmEvents: { kind: 'frame' },
        timeline: heavy(500, 3),
        balloon: heavy(2000, 4),
        rtc: heavy(2000, 4),
        migration: heavy(2000, 4),
      },
      (view) => this.publish(view),
    );
    const chart: ChartSnapshot = { data: NO_CHARTS, domain: undefined, draw: false };
    this.snapshots = {
      list: { view: EMPTY_VIEW, window: this.window },
      readout: { count: 0, held: 0, names: new Map(), newWhilePaused: 0 },
      phase: this.phase,
      held: EMPTY_VIEW,
      selected: NOTHING_SELECTED,
      vmEvents: NO_VM_EVENTS,
      timeline: { events: [], columns: EMPTY_COLUMNS, related: NO_RELATED, draw: false, window: this.window, now: clock.now() },
      balloon: chart,
      rtc: chart,
      migration: chart,
    };
  }

  /** Follows the source until the returned function is called. */
  start(): () => void {
    const unsubscribe = this.source.subscribe(() => this.sync());
    this.sync();
    return () => {
      unsubscribe();
      this.stopTicking?.();
      this.stopTicking = null;
      this.scheduler.dispose();
      this.warmup.stop();
      this.input = null;
    };
  }

  snapshot<V extends ViewName>(view: V): Snapshots[V] {
    return this.snapshots[view];
  }

  subscribe(view: ViewName, listener: () => void): () => void {
    let set = this.listeners.get(view);
    if (set === undefined) this.listeners.set(view, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /**
   * Stores a batch of the bridge's events (deduped by seq) and shows them at each view's pace;
   * returns how many seqs were skipped between what was held and what arrived.
   */
  appendLive(batch: readonly StoredEvent[]): number {
    const { added, gap } = this.held.appendLive(batch);
    if (added === 0) return gap;
    if (this.input !== null && this.held.isLive(this.log)) {
      this.refilter();
      this.warmShown();
      this.scheduler.changed();
    } else this.scheduler.changed(['vmEvents']);
    return gap;
  }

  /** Highest seq of the bridge's events held, 0 when none: where a (re)subscription starts. */
  get lastLiveSeq(): number {
    return this.held.lastLiveSeq;
  }

  /** The bridge's history has arrived; returns true the first time only. */
  endHistory(): boolean {
    if (!this.held.endHistory()) return false;
    if (this.input !== null) this.sync();
    return true;
  }

  /** Reads the source; works out what changed and tells the scheduler. */
  private sync(): void {
    const next = this.source.getState();
    const prev = this.input;
    const { log, phase } = this.held.shown(next.recording);
    const sameShown = log === this.log && phase === this.phase;
    if (
      prev !== null &&
      sameShown &&
      next.filters === prev.filters &&
      next.range === prev.range &&
      next.paused === prev.paused &&
      next.frozenNow === prev.frozenNow
    ) {
      this.input = next;
      // A new selection is the only change the detail pane waits for.
      if (next.selectedSeq !== prev.selectedSeq) this.scheduler.changed(['selected']);
      return;
    }
    // The paused view ends at what was held when the clock was frozen, or when what is shown changed
    // phase (a page opened paused freezes once its history is in).
    if (next.paused && (prev === null || !prev.paused || next.frozenNow !== prev.frozenNow || !sameShown)) this.frozenCount = log.length;
    this.input = next;
    this.log = log;
    this.phase = phase;
    this.followClock(next);
    const window = this.resolveWindow(next);
    const reshaped =
      prev === null || !sameShown || next.filters !== prev.filters || !sameWindow(window, this.window) || next.paused !== prev.paused;
    this.window = window;
    this.refilter();
    this.warmShown();
    // A change the user made (or the end of the history) is shown after the next paint; arrivals at each view's pace.
    if (reshaped) this.scheduler.urgent();
    else this.scheduler.changed();
  }

  /** Every event shown is warmed for search, filtered or not (a search changes the filter); not while history arrives. */
  private warmShown(): void {
    this.warmup.follow(this.phase === 'history' ? null : { items: this.log.events, length: this.log.length });
  }

  private resolveWindow(input: EngineInput): Window {
    const w = resolveRange(input.range, input.paused ? input.frozenNow : this.clock.now());
    return sameWindow(w, this.window) ? this.window : w;
  }

  private refilter(): void {
    const input = this.input as EngineInput;
    const upto = input.paused ? this.frozenCount : this.log.length;
    this.view = this.visible.update(this.log.events, input.filters, this.window, upto);
  }

  /** A live relative window moves once a second; a live timeline's end follows the clock too. */
  private followClock(input: EngineInput): void {
    const ticking = input.range.kind === 'relative' && !input.paused;
    if (!ticking) {
      this.stopTicking?.();
      this.stopTicking = null;
      return;
    }
    if (this.stopTicking !== null) return;
    let cancel = (): void => {};
    const tick = () => {
      cancel = this.clock.timer(tick, WINDOW_TICK_MS);
      if (this.input === null) return;
      const window = this.resolveWindow(this.input);
      if (window !== this.window) {
        this.window = window;
        this.refilter();
        this.scheduler.changed();
      } else this.scheduler.changed(['timeline']);
    };
    cancel = this.clock.timer(tick, WINDOW_TICK_MS);
    this.stopTicking = () => cancel();
  }

  /** The list view as an array of its own, and its chart data, made once per list view. */
  private heavyInput(withCharts: boolean): { events: readonly StoredEvent[]; charts: ChartData } {
    if (this.heavyOf.view !== this.view) this.heavyOf = { view: this.view, events: viewEvents(this.view), charts: null };
    if (withCharts && this.heavyOf.charts === null) this.heavyOf.charts = this.chartBuilder.update(this.heavyOf.events);
    return { events: this.heavyOf.events, charts: this.heavyOf.charts ?? NO_CHARTS };
  }

  private chartDomain(): [number, number] | undefined {
    const { from, to } = this.window;
    if (!Number.isFinite(from)) return undefined;
    if (Number.isFinite(to)) return [from, to];
    const snapped = Math.floor(from / CHART_START_STEP_MS) * CHART_START_STEP_MS;
    return [snapped, this.clock.now()];
  }

  private publish(view: ViewName): void {
    const input = this.input;
    if (input === null) return;
    const draw = this.phase !== 'history';
    const s = this.snapshots;
    const log = this.log;
    switch (view) {
      case 'list':
        if (s.list.window === this.window && s.list.view.items === this.view.items && s.list.view.length === this.view.length) return;
        s.list = { view: this.view, window: this.window };
        break;
      case 'readout': {
        const newWhilePaused = input.paused ? log.length - this.frozenCount : 0;
        if (s.readout.count === this.view.length && s.readout.held === log.length && s.readout.newWhilePaused === newWhilePaused) return;
        if (this.counted.log !== log) this.counted = { log, counts: new NameCounts() };
        s.readout = { count: this.view.length, held: log.length, names: new Map(this.counted.counts.update(log.events)), newWhilePaused };
        break;
      }
      case 'phase':
        if (s.phase === this.phase) return;
        s.phase = this.phase;
        break;
      case 'held':
        if (s.held.items === log.events && s.held.length === log.length) return;
        s.held = { items: log.events, length: log.length };
        break;
      case 'selected': {
        const selected = this.selectedScan.update({ items: log.events, length: log.length }, input.selectedSeq, this.phase === 'history');
        if (selected === s.selected) return;
        s.selected = selected;
        break;
      }
      case 'vmEvents': {
        const vmEvents = this.held.vmEvents();
        if (vmEvents === s.vmEvents) return;
        s.vmEvents = vmEvents;
        break;
      }
      case 'timeline': {
        // Fed during the history too, so the first drawing after it finds the index built.
        const { events } = this.heavyInput(false);
        const columns = this.index.update(events);
        const related = this.relatedBuilder.update(events);
        s.timeline = {
          events: draw ? events : [],
          columns: draw ? columns : EMPTY_COLUMNS,
          related: draw ? related : NO_RELATED,
          draw,
          window: this.window,
          now: input.paused ? input.frozenNow : this.clock.now(),
        };
        break;
      }
      case 'balloon':
      case 'rtc':
      case 'migration': {
        const { charts } = this.heavyInput(true);
        const prev = s[view];
        const domain = this.chartDomain();
        const same = prev.draw === draw && prev.data === charts && prev.domain?.[0] === domain?.[0] && prev.domain?.[1] === domain?.[1];
        if (same) return;
        s[view] = { data: draw ? charts : NO_CHARTS, domain, draw };
      }
    }
    for (const listener of this.listeners.get(view) ?? []) listener();
  }
}
