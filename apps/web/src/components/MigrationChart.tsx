import { useMemo, useRef } from 'react';
import { ReferenceLine } from 'recharts';
import type { StoredEvent } from '@qmpscope/events';
import { migrationPassSeries, migrationStatusMarks } from '../derive/chartSeries';
import { SeriesChart } from './SeriesChart';
import { useStableSeries } from '../hooks/useStableSeries';

/** More status lines than this turn into a wall of labels; the newest are kept. */
const MAX_MARKS = 40;
const formatPass = (y: number) => `pass ${y}`;
const FAILED = new Set(['failed', 'cancelled', 'postcopy-paused']);

export function MigrationChart({ events, domain }: { events: readonly StoredEvent[]; domain: [number, number] | undefined }) {
  const series = useStableSeries(useMemo(() => migrationPassSeries(events), [events]));
  const allMarks = useMemo(() => migrationStatusMarks(events).slice(-MAX_MARKS), [events]);
  // Same marks, same array: the memoized chart skips the redraw.
  const marksRef = useRef(allMarks);
  if (marksRef.current.length !== allMarks.length || marksRef.current.at(-1)?.seq !== allMarks.at(-1)?.seq) marksRef.current = allMarks;
  const marks = marksRef.current;
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
          label={marks.length <= 8 || FAILED.has(m.status) ? { value: `${m.vm}: ${m.status}`, position: 'insideTopLeft', fontSize: 10, fill: 'currentColor' } : undefined}
        />
      )),
    [marks],
  );
  return (
    <SeriesChart label="Migration chart" eventName="MIGRATION_PASS" series={withMarks} domain={domain} formatY={formatPass}>
      {lines}
    </SeriesChart>
  );
}
