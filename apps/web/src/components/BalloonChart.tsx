import { useMemo } from 'react';
import { formatBytes, type StoredEvent } from '@qmpscope/events';
import { balloonSeries } from '../derive/chartSeries';
import { SeriesChart } from './SeriesChart';
import { useStableSeries } from '../hooks/useStableSeries';

export function BalloonChart({ events, domain }: { events: readonly StoredEvent[]; domain: [number, number] | undefined }) {
  const series = useStableSeries(useMemo(() => balloonSeries(events), [events]));
  return <SeriesChart label="Balloon memory chart" eventName="BALLOON_CHANGE" series={series} domain={domain} formatY={formatBytes} />;
}
