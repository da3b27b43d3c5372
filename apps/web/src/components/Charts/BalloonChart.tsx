import { formatBytes } from '@qmpscope/events';
import type { SeriesByVm } from '../../derive/chartSeries';
import { SeriesChart } from './SeriesChart';

export function BalloonChart({ series, domain }: { series: SeriesByVm; domain: [number, number] | undefined }) {
  return <SeriesChart label="Balloon memory chart" eventName="BALLOON_CHANGE" series={series} domain={domain} formatY={formatBytes} />;
}
