import { useMemo } from 'react';
import { ReferenceLine } from 'recharts';
import type { SeriesByVm, StatusMark } from '../../derive/chartSeries';
import { migrationSummary } from '../../derive/chartData';
import { SeriesChart } from './SeriesChart';
import { peerPlain } from '../../derive/peerText';

/** More status lines than this turn into a wall of labels; the newest are kept. */
const MAX_MARKS = 40;
const formatPass = (y: number) => `pass ${y}`;
const FAILED = new Set(['failed', 'cancelled', 'postcopy-paused']);

export function MigrationChart({ series, allMarks, domain }: { series: SeriesByVm; allMarks: StatusMark[]; domain: [number, number] | undefined }) {
  const marks = useMemo(() => allMarks.slice(-MAX_MARKS), [allMarks]);
  const summary = useMemo(() => migrationSummary(series, allMarks), [series, allMarks]);
  // Status changes alone (no passes yet) still deserve a chart: they get a zero-pass point each.
  const withMarks = useMemo(() => {
    if (series.size > 0 || marks.length === 0) return series;
    const m = new Map<string, { x: number; y: number; seq: number }[]>();
    for (const mark of marks) {
      const list = m.get(mark.vm) ?? [];
      list.push({ x: mark.x, y: 0, seq: mark.seq });
      m.set(mark.vm, list);
    }
    return m;
  }, [series, marks]);
  const lines = useMemo(
    () =>
      marks.map((m) => (
        <ReferenceLine
          key={m.seq}
          x={m.x}
          stroke={FAILED.has(m.status) ? '#dc2626' : m.status === 'completed' ? '#16a34a' : '#6b7280'}
          strokeDasharray="4 2"
          label={marks.length <= 8 || FAILED.has(m.status) ? { value: `${peerPlain(m.vm)}: ${peerPlain(m.status)}`, position: 'insideTopLeft', fontSize: 10, fill: 'currentColor' } : undefined}
        />
      )),
    [marks],
  );
  return (
    <SeriesChart label="Migration chart" eventName="MIGRATION_PASS" series={withMarks} domain={domain} formatY={formatPass} summary={summary}>
      {lines}
    </SeriesChart>
  );
}
