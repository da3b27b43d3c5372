import { useCallback, useMemo } from 'react';
import { ReferenceLine } from 'recharts';
import type { SeriesByVm, StatusMark } from '../../derive/chartSeries';
import { migrationSummary } from '../../derive/chartData';
import { labelRows } from '../../derive/statusLabels';
import { timeDomain } from '../../derive/valueDomain';
import { SeriesChart, type PlotBox } from './SeriesChart';
import { peerPlain } from '../../derive/peerText';

/** More status lines than this turn into a wall of labels; the newest are kept. */
const MAX_MARKS = 40;
const formatPass = (y: number) => `pass ${y}`;
const FAILED = new Set(['failed', 'cancelled', 'postcopy-paused']);
/** Rows of status labels under the chart's top edge; a label that fits none is left out (its line stays). */
const LABEL_ROWS = 3;
const LABEL_ROW_PX = 12;

export function MigrationChart({
  series,
  allMarks,
  domain,
}: {
  series: SeriesByVm;
  allMarks: StatusMark[];
  domain: [number, number] | undefined;
}) {
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
  // With an open range the axis fits the data: the status lines are data too (a status before
  // the first pass was cut off the axis and not drawn).
  const fitted = useMemo<[number, number] | undefined>(() => {
    if (domain !== undefined || marks.length === 0) return domain;
    const [lo, hi] = timeDomain([...withMarks]);
    const xs = marks.map((m) => m.x);
    return [Math.min(Number.isNaN(lo) ? Infinity : lo, ...xs), Math.max(Number.isNaN(hi) ? -Infinity : hi, ...xs)];
  }, [domain, marks, withMarks]);
  // One VM: its name adds nothing to each label.
  const oneVm = useMemo(() => new Set(marks.map((m) => m.vm)).size <= 1, [marks]);
  const lines = useCallback(
    ({ x0, x1, plotWidth }: PlotBox) => {
      const texts = marks.map((m) => (oneVm ? peerPlain(m.status) : `${peerPlain(m.vm)}: ${peerPlain(m.status)}`));
      const px = (x: number) => (x1 === x0 ? 0 : ((x - x0) / (x1 - x0)) * plotWidth);
      const rows = labelRows(
        marks.map((m, i) => ({ x: px(m.x), text: texts[i] as string })),
        LABEL_ROWS,
      );
      return marks.map((m, i) => {
        const row = rows[i];
        return (
          <ReferenceLine
            key={m.seq}
            x={m.x}
            stroke={FAILED.has(m.status) ? '#dc2626' : m.status === 'completed' ? '#16a34a' : '#6b7280'}
            strokeDasharray="4 2"
            label={
              row === null || row === undefined
                ? undefined
                : ({ viewBox }: { viewBox?: { x?: number; y?: number } }) => (
                    <text
                      className="status-label"
                      x={(viewBox?.x ?? 0) + 3}
                      y={(viewBox?.y ?? 0) + 10 + row * LABEL_ROW_PX}
                      fontSize={10}
                      fill="currentColor"
                    >
                      {texts[i]}
                    </text>
                  )
            }
          />
        );
      });
    },
    [marks, oneVm],
  );
  return (
    <SeriesChart
      label="Migration chart"
      eventName="MIGRATION_PASS"
      series={withMarks}
      domain={fitted}
      formatY={formatPass}
      summary={summary}
    >
      {lines}
    </SeriesChart>
  );
}
