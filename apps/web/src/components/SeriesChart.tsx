import { memo, type ReactNode } from 'react';
import { useStableMemo } from '../hooks/useStableMemo';
import { CartesianGrid, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, Legend } from 'recharts';
import type { ChartPoint, SeriesByVm } from '../derive/chartSeries';
import { lttb } from '../derive/lttb';
import { drawnSeries } from '../derive/drawnSeries';
import { seriesSummary } from '../derive/chartData';
import { useAppStore } from '../store/store';
import { useVmNames } from '../hooks/useVmNames';

/**
 * The whole chart stays under this many points, however many events are in
 * range: recharts renders each point as a few React elements, and 600 points
 * still show every peak (LTTB keeps them) at the widths a chart gets here.
 */
export const MAX_POINTS = 600;

const VM_COLOURS = ['#2563eb', '#d97706', '#059669', '#db2777', '#7c3aed', '#0891b2', '#65a30d', '#dc2626'];

interface Props {
  label: string;
  eventName: string;
  series: SeriesByVm;
  domain: [number, number] | undefined;
  formatY: (y: number) => string;
  /** Formats the caption's "latest" value; defaults to formatY. */
  formatLatest?: (y: number) => string;
  /** The caption's lines; defaults to "<vm>: <n> points, latest <value>" per VM. */
  summary?: string[];
  /** Drawn over the series (e.g. migration status reference lines). */
  children?: ReactNode;
}

const timeTick = (x: number) => new Date(x).toLocaleTimeString();

/** One line per VM over time; clicking a point selects its event. */
export const SeriesChart = memo(function SeriesChart({ label, eventName, series, domain, formatY, formatLatest, summary, children }: Props) {
  const select = useAppStore((s) => s.select);
  const vms = useVmNames();
  // A VM keeps its colour across charts: the overview's order decides it.
  const colourOf = (vm: string) => {
    const i = vms.indexOf(vm);
    return VM_COLOURS[(i < 0 ? vms.length + vm.length : i) % VM_COLOURS.length];
  };
  const lines = useStableMemo(() => summary ?? seriesSummary(series, formatLatest ?? formatY), [summary, series, formatLatest, formatY]);
  const total = useStableMemo(() => [...series.values()].reduce((n, s) => n + s.length, 0), [series]);
  const { sampled, hidden } = useStableMemo(() => {
    const { drawn, hidden } = drawnSeries(series);
    const perVm = Math.max(3, Math.floor(MAX_POINTS / Math.max(1, drawn.length)));
    return { sampled: drawn.map(([vm, pts]) => [vm, lttb(pts, perVm)] as const), hidden };
  }, [series]);
  return (
    <figure aria-label={label}>
      <figcaption>
        {label.replace(/ chart$/, '')}
        {/* The data in words: screen readers and tests read this, not the SVG. */}
        <span className="series-summary">{lines.length > 0 ? lines.join('; ') : `no ${eventName} events in range`}</span>
        {hidden > 0 && <span className="muted"> — lines for the {sampled.length} most recently active VMs; {hidden} more not drawn (filter by VM to see one)</span>}
      </figcaption>
      {total === 0 ? null : (
        <ResponsiveContainer width="100%" height={200}>
          <ScatterChart margin={{ top: 8, right: 16, bottom: 4, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" opacity={0.4} />
            <XAxis type="number" dataKey="x" domain={domain ?? ['dataMin', 'dataMax']} tickFormatter={timeTick} scale="time" name="time" allowDataOverflow />
            <YAxis type="number" dataKey="y" tickFormatter={formatY} width={100} tick={{ fontSize: 11 }} name={eventName} />
            <Tooltip
              isAnimationActive={false}
              formatter={(value, name) => (name === 'time' ? timeTick(Number(value)) : formatY(Number(value)))}
            />
            <Legend />
            {sampled.map(([vm, pts]) => (
              <Scatter
                key={vm}
                name={vm}
                data={pts as ChartPoint[]}
                fill={colourOf(vm)}
                line
                lineType="joint"
                isAnimationActive={false}
                onClick={(item) => {
                  const seq = (item.payload as ChartPoint | undefined)?.seq;
                  if (seq !== undefined) select(seq);
                }}
                style={{ cursor: 'pointer' }}
              />
            ))}
            {children}
          </ScatterChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
});
