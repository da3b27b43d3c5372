import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLive } from '../../live/useLive';
import { CHART_TABS, type ChartTab } from '../../store/viewSlice';
import { useAppStore } from '../../store/store';
import { BalloonChart } from './BalloonChart';
import { MigrationChart } from './MigrationChart';
import { RtcChart } from './RtcChart';

const TAB_LABEL: Record<ChartTab, string> = { all: 'All charts', balloon: 'Balloon', rtc: 'RTC offset', migration: 'Migration' };

/**
 * Loaded lazily: recharts is the bulk of the bundle. Each chart reads its own snapshot: the live
 * engine publishes them in separate tasks, so one batch of events never redraws all three at once.
 */
function Charts() {
  const { tab, setTab } = useAppStore(useShallow((s) => ({ tab: s.tab, setTab: s.setTab })));
  const balloon = useLive('balloon');
  const rtc = useLive('rtc');
  const migration = useLive('migration');
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
        {show('balloon') && <BalloonChart series={balloon.data.balloon} domain={balloon.domain} />}
        {show('rtc') && <RtcChart series={rtc.data.rtc} domain={rtc.domain} />}
        {show('migration') && <MigrationChart series={migration.data.passes} allMarks={migration.data.marks} domain={migration.domain} />}
      </div>
    </section>
  );
}

export default memo(Charts);
