import { formatSecondsOffset, humanizeSecondsOffset } from '@qmpscope/events';
import type { SeriesByVm } from '../../derive/chartSeries';
import { SeriesChart } from './SeriesChart';

export function RtcChart({ series, domain }: { series: SeriesByVm; domain: [number, number] | undefined }) {
  // The axis reads best humanized; the caption keeps QEMU's exact seconds.
  return (
    <SeriesChart
      label="RTC offset chart"
      eventName="RTC_CHANGE"
      series={series}
      domain={domain}
      formatY={humanizeSecondsOffset}
      formatLatest={formatSecondsOffset}
    />
  );
}
