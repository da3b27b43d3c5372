import { useMemo } from 'react';
import { humanizeSecondsOffset, type StoredEvent } from '@qmpscope/events';
import { rtcSeries } from '../derive/chartSeries';
import { SeriesChart } from './SeriesChart';
import { useStableSeries } from '../hooks/useStableSeries';

export function RtcChart({ events, domain }: { events: readonly StoredEvent[]; domain: [number, number] | undefined }) {
  const series = useStableSeries(useMemo(() => rtcSeries(events), [events]));
  return <SeriesChart label="RTC offset chart" eventName="RTC_CHANGE" series={series} domain={domain} formatY={humanizeSecondsOffset} />;
}
