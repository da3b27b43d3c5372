import { memo, useMemo, useRef, useState, type ReactNode } from 'react';
import { CartesianGrid, ComposedChart, Scatter, XAxis, YAxis } from 'recharts';
import type { SeriesByVm } from '../../derive/chartSeries';
import { SampleCache } from '../../derive/sampleCache';
import { drawnSeries } from '../../derive/drawnSeries';
import { pointsPerSeries } from '../../derive/chartSampling';
import { timeTicks } from '../../derive/timeTicks';
import { timeDomain, valueDomain } from '../../derive/valueDomain';
import { seriesSummary } from '../../derive/chartData';
import { useAppStore } from '../../store/store';
import { useVmNames } from '../../hooks/useVmNames';
import { useElementWidth } from '../../hooks/useElementWidth';
import { ChartPicker } from './ChartPicker';
import { ChartLines } from './ChartLines';
import { ChartLegend } from './ChartLegend';
import { DrawnPointsContext } from './DrawnPointsContext';

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
  /** Drawn over the series (e.g. migration status reference lines), given the plot's x scale. */
  children?: (plot: PlotBox) => ReactNode;
}

/** The x axis as drawn: its time range over `plotWidth` pixels. */
export interface PlotBox {
  x0: number;
  x1: number;
  plotWidth: number;
}

const timeTick = (x: number) => new Date(x).toLocaleTimeString();
/** Draws nothing: the anchor points below exist for recharts' axes, not to be seen. */
const NO_SHAPE = () => <g />;
const HEIGHT = 200;
/** Right margin: room for half of the last time label, centred on its tick. */
const MARGIN = { top: 8, right: 36, bottom: 4, left: 8 };
const Y_AXIS_WIDTH = 72;
/** Room for one time label ("10:23:45 PM" at 11 px) and a gap. */
const PX_PER_TIME_TICK = 90;

/**
 * One line per VM over time, each a single SVG path (no per-point symbols: they
 * made each redraw hundreds of ms); hovering marks the nearest drawn point and
 * clicking selects its event (ChartPicker).
 */
export const SeriesChart = memo(function SeriesChart({
  label,
  eventName,
  series,
  domain,
  formatY,
  formatLatest,
  summary,
  children,
}: Props) {
  const select = useAppStore((s) => s.select);
  const vms = useVmNames();
  // A VM keeps its colour across charts: the overview's order decides it.
  const colourOf = useMemo(() => {
    const index = new Map(vms.map((vm, i) => [vm, i]));
    return (vm: string) => VM_COLOURS[(index.get(vm) ?? vms.length + vm.length) % VM_COLOURS.length];
  }, [vms]);
  const lines = useMemo(() => summary ?? seriesSummary(series, formatLatest ?? formatY), [summary, series, formatLatest, formatY]);
  const total = useMemo(() => [...series.values()].reduce((n, s) => n + s.length, 0), [series]);
  const box = useRef<HTMLElement | null>(null);
  // 0 until measured: the chart is drawn once, at its real width.
  const width = useElementWidth(box, 0);
  const plotWidth = width - MARGIN.left - MARGIN.right - Y_AXIS_WIDTH;
  // This chart's own sample cache (kept across renders, dropped with the chart).
  const [cache] = useState(() => new SampleCache());
  const { sampled, hidden } = useMemo(() => {
    const { drawn, hidden } = drawnSeries(series);
    const perVm = pointsPerSeries(plotWidth, drawn.length);
    return { sampled: drawn.map(([vm, pts]) => [vm, cache.sample(pts, perVm)] as const), hidden };
  }, [series, plotWidth, cache]);
  // The lines are plain paths recharts does not see, so the axes get their ranges from here;
  // kept by value, so recharts' tree is rebuilt only when an axis actually changed.
  const [x0, x1] = domain ?? timeDomain(sampled);
  const [y0, y1] = valueDomain(sampled);
  const axes = useMemo(() => {
    // recharts draws no axis without a data item; two invisible corners give it one.
    const anchor = [
      { x: x0, y: y0 },
      { x: x1, y: y1 },
    ];
    // From 0 (or 'auto' below it) to a round top, as recharts' default axis did.
    const yAxis: [number | 'auto', 'auto'] = [y0 < 0 ? 'auto' : 0, 'auto'];
    return {
      x: [x0, x1] as [number, number],
      yAxis,
      anchor,
      xTicks: timeTicks(x0, x1, Math.max(2, Math.floor(plotWidth / PX_PER_TIME_TICK))),
    };
  }, [x0, x1, y0, y1, plotWidth]);
  // By value: the legend stays put while the same VMs are drawn.
  const drawnKey = sampled.map(([vm]) => vm).join('\n');
  const drawnVms = useMemo(() => (drawnKey === '' ? [] : drawnKey.split('\n')), [drawnKey]);
  // The same element while axes, size and marks stand: React skips recharts entirely then, and
  // only the lines and the pointer layer (reading DrawnPointsContext) redraw.
  const chart = useMemo(
    () => (
      <ComposedChart width={width} height={HEIGHT} margin={MARGIN}>
        <CartesianGrid strokeDasharray="3 3" opacity={0.4} />
        <Scatter data={axes.anchor} dataKey="y" shape={NO_SHAPE} isAnimationActive={false} legendType="none" tooltipType="none" />
        {/* interval 0: every tick is drawn, none measured. Ours are spaced for their labels already
            (x: PX_PER_TIME_TICK; y: recharts' 5 over 200 px); recharts' default measured each
            label in the DOM to drop overlapping ones, ~50 ms per first render of the charts. */}
        <XAxis
          type="number"
          dataKey="x"
          domain={axes.x}
          ticks={axes.xTicks}
          interval={0}
          tickFormatter={timeTick}
          tick={{ fontSize: 11 }}
          scale="time"
          name="time"
          allowDataOverflow
        />
        <YAxis
          type="number"
          dataKey="y"
          domain={axes.yAxis}
          interval={0}
          tickFormatter={formatY}
          width={Y_AXIS_WIDTH}
          tick={{ fontSize: 11 }}
          name={eventName}
        />
        <ChartLines colourOf={colourOf} />
        {children?.({ x0: axes.x[0], x1: axes.x[1], plotWidth })}
        <ChartPicker colourOf={colourOf} formatY={formatY} onPick={select} />
      </ComposedChart>
    ),
    [width, axes, plotWidth, formatY, eventName, colourOf, children, select],
  );
  return (
    <figure aria-label={label} ref={box}>
      <figcaption>
        {label.replace(/ chart$/, '')}
        {/* The data in words: screen readers and tests read this, not the SVG. */}
        <span className="series-summary">{lines.length > 0 ? lines.join('; ') : `no ${eventName} events in range`}</span>
        {hidden > 0 && (
          <span className="muted">
            {' '}
            — lines for the {sampled.length} most recently active VMs; {hidden} more not drawn (filter by VM to see one)
          </span>
        )}
      </figcaption>
      {total === 0 || width <= 0 ? null : (
        <DrawnPointsContext.Provider value={sampled}>
          {chart}
          <ChartLegend vms={drawnVms} colourOf={colourOf} />
        </DrawnPointsContext.Provider>
      )}
    </figure>
  );
});
