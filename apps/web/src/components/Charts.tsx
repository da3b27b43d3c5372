import { memo, useMemo, useRef } from 'react';
import { useStableMemo } from '../hooks/useStableMemo';
import { useFrameDelayed } from '../hooks/useFrameDelayed';
import { ChartDataBuilder, type ChartData } from '../derive/chartData';
import type { StoredEvent } from '@qmpscope/events';
import { useShallow } from 'zustand/react/shallow';
import { useWindow } from '../hooks/useVisibleEvents';
import { CHART_TABS, type ChartTab } from '../store/viewSlice';
import { useAppStore } from '../store/store';
import { BalloonChart } from './BalloonChart';
import { MigrationChart } from './MigrationChart';
import { RtcChart } from './RtcChart';

const TAB_LABEL: Record<ChartTab, string> = { all: 'All charts', balloon: 'Balloon', rtc: 'RTC offset', migration: 'Migration' };

const NOTHING: ChartData = { balloon: new Map(), rtc: new Map(), passes: new Map(), marks: [] };

/**
 * Loaded lazily: recharts is the bulk of the bundle. `draw` false: take `events` in (the
 * history is loading), show nothing of them yet.
 */
function Charts({ events, draw }: { events: StoredEvent[]; draw: boolean }) {
  const { tab, setTab } = useAppStore(useShallow((s) => ({ tab: s.tab, setTab: s.setTab })));
  const win = useWindow();
  // All charts share the page's window; an open-ended end fits the data. A live
  // start moves every second; snapping it to 5 s spares recharts most redraws.
  const from = Number.isFinite(win.from) ? (Number.isFinite(win.to) ? win.from : Math.floor(win.from / 5000) * 5000) : NaN;
  const to = win.to;
  const domain = useStableMemo<[number, number] | undefined>(() => (Number.isFinite(from) ? [from, Number.isFinite(to) ? to : Date.now()] : undefined), [from, to]);
  const builder = useRef<ChartDataBuilder | null>(null);
  builder.current ??= new ChartDataBuilder();
  const b = builder.current;
  // Stable across discarded background renders (see useStableMemo), so series keep their identity.
  const built = useStableMemo(() => b.update(events), [b, events]);
  const data = draw ? built : NOTHING;
  // One chart per frame: each redraw is recharts' axes and grid (~15–20 ms with 1,000 VMs),
  // so the three in one commit held the list's next rows for 50–60 ms.
  const rtc = useFrameDelayed(useMemo(() => ({ series: data.rtc, domain }), [data.rtc, domain]), 1);
  const migration = useFrameDelayed(useMemo(() => ({ series: data.passes, marks: data.marks, domain }), [data.passes, data.marks, domain]), 2);
  const show = (t: ChartTab) => tab === 'all' || tab === t;
  return (
    <section aria-label="Charts" className="panel charts">
      <div role="tablist" aria-label="Charts shown" className="chart-tabs">
        {CHART_TABS.map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} onClick={() => setTab(t)}>
            {TAB_LABEL[t]}
          </button>
        ))}
      </div>
      <div className="chart-grid">
        {show('balloon') && <BalloonChart series={data.balloon} domain={domain} />}
        {show('rtc') && <RtcChart series={rtc.series} domain={rtc.domain} />}
        {show('migration') && <MigrationChart series={migration.series} allMarks={migration.marks} domain={migration.domain} />}
      </div>
    </section>
  );
}

export default memo(Charts);
