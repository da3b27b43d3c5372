import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { connectBridge } from './net/bridgeSocket';
import { useAppStore } from './store/store';
import { useUrlSync } from './url/useUrlSync';
import { useVisibleEvents } from './hooks/useVisibleEvents';
import { useThrottled } from './hooks/useThrottled';
import { useBoundedDeferredValue } from './hooks/useBoundedDeferredValue';
import { redrawSpacingMs } from './derive/redrawSpacing';
import { viewEvents, type EventView } from './derive/eventView';
import { useSearchWarmup } from './hooks/useSearchWarmup';
import { Header } from './components/Header';
import { VmOverview } from './components/VmOverview';
import { Filters } from './components/Filters';
import { EventList } from './components/EventList';
import { EventDetail } from './components/EventDetail';
import { Timeline } from './components/Timeline';
import { ConnectionBanner } from './components/ConnectionBanner';
import { RecordingBanner } from './components/RecordingBanner';
import { DataTransfer } from './components/DataTransfer';


// recharts is most of the bundle's weight; the page is useful before it arrives.
const Charts = lazy(() => import('./components/Charts'));

/**
 * Longest a timeline or charts redraw waits behind urgent renders before it is drawn
 * without deferral: with live events every frame is urgent, and deferred redraws longer
 * than a frame never committed (see useBoundedDeferredValue). A forced redraw blocks the
 * list for its length, so the bound is a trade. It was 3 s while a chart redraw took
 * ~0.5 s at 100k events; with redraws of 15-40 ms at 1M (one path per series, incremental
 * timeline), the quick bench (100 VMs, 100k events) measured 100 / 250 / 1,000 ms alike
 * within its noise (rows painted p99 at 10,000 ev/s 227 / 302 / 271 ms; frames p95 16.8 ms):
 * 250 ms keeps the heavy views at most a quarter second behind.
 */
const MAX_DEFER_MS = 250;
/**
 * How often the heavy views' builders take in the history while it loads: the part left for
 * the first drawing is at most this long's worth of loading (~60k events at 1M), and each
 * feed copies the view so far (a few ms at 1M).
 */
const LOAD_FEED_MS = 500;

/** What the timeline and charts are given: the events, and whether to draw them or only take them in. */
interface HeavyInput {
  view: EventView;
  draw: boolean;
}
/** Nothing drawn yet: the first drawing is not worth deferring (see useBoundedDeferredValue). */
const undrawn = (h: HeavyInput) => !h.draw;

/** How often the export panel's count follows a stream: a readout, not worth a render a frame. */
const READOUT_SPACING_MS = 250;

export function App() {
  useUrlSync(useAppStore);
  useEffect(() => connectBridge(useAppStore), []);
  useSearchWarmup();
  const events = useVisibleEvents();
  // The list follows every frame; the timeline and charts redraw less often, so floods stay smooth.
  // Deferred: React renders them in interruptible slices, so a redraw of
  // thousands of SVG shapes does not block arriving events or scrolling, but for at most
  // MAX_DEFER_MS: under a stream of events a long deferred redraw is otherwise never committed.
  // Spaced further apart with more events: each redraw costs O(events shown) (see redrawSpacingMs).
  // While the live history loads they draw nothing: their redraws (long tasks of 0.3–1.5 s at
  // 50k events, recharts' part synchronous) slowed catch-up below a 10,000/s arrival rate, so
  // the page never went live and its rows were painted seconds late. They draw once it is in.
  // Their builders (chart series, timeline columns) are fed as it loads, though: building them
  // over the whole history at the end was one 150-250 ms task at 1M events, after which the
  // first drawing came.
  const loading = useAppStore((s) => !s.historyLoaded && s.recording === null);
  const heavy = useMemo<HeavyInput>(() => ({ view: events, draw: !loading }), [events, loading]);
  const timelineIn = useBoundedDeferredValue(useThrottled(heavy, loading ? LOAD_FEED_MS : redrawSpacingMs(events.length, 500, 3), loading), MAX_DEFER_MS, undrawn);
  const chartIn = useBoundedDeferredValue(useThrottled(heavy, loading ? LOAD_FEED_MS : redrawSpacingMs(events.length, 2000, 4), loading), MAX_DEFER_MS, undrawn);
  // Arrays of their own, copied only when these views change (a few times a second at most).
  const timelineEvents = useMemo(() => viewEvents(timelineIn.view), [timelineIn.view]);
  const chartEvents = useMemo(() => viewEvents(chartIn.view), [chartIn.view]);
  // The committed view, for an export clicked at any moment (set after commit: a render React
  // discards must not leave its view here).
  const latest = useRef(events);
  useLayoutEffect(() => {
    latest.current = events;
  }, [events]);
  const currentEvents = useCallback(() => latest.current, []);
  const exportCount = useThrottled(events.length, READOUT_SPACING_MS);
  return (
    <div className="layout">
      <Header />
      <aside className="side">
        <VmOverview />
        <Filters />
        <DataTransfer count={exportCount} current={currentEvents} />
      </aside>
      <main className="main">
        <ConnectionBanner />
        <RecordingBanner />
        <Timeline events={timelineEvents} draw={timelineIn.draw} />
        <EventList events={events} />
        <Suspense fallback={<p className="panel empty">Loading charts…</p>}>
          <Charts events={chartEvents} draw={chartIn.draw} />
        </Suspense>
      </main>
      <EventDetail />
    </div>
  );
}
