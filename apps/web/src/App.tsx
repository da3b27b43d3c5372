import { lazy, Suspense, useEffect } from 'react';
import { connectBridge } from './net/bridgeSocket';
import { useAppStore } from './store/store';
import { useUrlSync } from './url/useUrlSync';
import { liveEngine } from './live/appEngine';
import { useLive } from './live/useLive';
import { Header } from './components/Header';
import { VmOverview } from './components/VmOverview';
import { Filters } from './components/Filters';
import { EventList } from './components/EventList/EventList';
import { EventDetail } from './components/EventDetail';
import { Timeline } from './components/Timeline/Timeline';
import { ConnectionBanner } from './components/ConnectionBanner';
import { RecordingBanner } from './components/RecordingBanner';
import { DataTransfer } from './components/DataTransfer';
import { PendingEvents } from './components/PendingEvents';

// recharts is most of the bundle's weight; the page is useful before it arrives.
const Charts = lazy(() => import('./components/Charts/Charts'));

/** The events shown at this moment, for an export clicked at any time. */
const currentEvents = () => liveEngine.snapshot('list').view;

export function App() {
  useUrlSync(useAppStore);
  useEffect(() => liveEngine.start(), []);
  useEffect(() => connectBridge(useAppStore, liveEngine), []);
  const { count } = useLive('readout');
  const detailOpen = useAppStore((s) => s.selectedSeq !== null);
  return (
    <div className={`layout${detailOpen ? ' with-detail' : ''}`}>
      <Header />
      <aside className="side">
        <VmOverview />
        <Filters />
        <DataTransfer count={count} current={currentEvents} />
      </aside>
      <main className="main">
        <ConnectionBanner />
        <RecordingBanner />
        <PendingEvents />
        <Timeline />
        <EventList />
        <Suspense fallback={<p className="panel empty">Loading charts…</p>}>
          <Charts />
        </Suspense>
      </main>
      <EventDetail />
    </div>
  );
}
