import { useShallow } from 'zustand/react/shallow';
import { formatSpan, parseSpan } from '../derive/timeRange';
import { useAppStore } from '../store/store';

const SPANS = ['5m', '15m', '1h', '6h', '1d', '7d', 'all'];

/** Live windows ("last 15m"); an absolute window (from a link or a brush) shows as "Custom". */
export function RangePicker() {
  const { range, setRange } = useAppStore(useShallow((s) => ({ range: s.range, setRange: s.setRange })));
  const value = range.kind === 'absolute' ? 'custom' : formatSpan(range.spanMs);
  const title = range.kind === 'absolute' ? `${new Date(range.from).toISOString()} – ${new Date(range.to).toISOString()}` : undefined;
  return (
    <label className="range-picker" title={title}>
      Time range
      <select
        value={value}
        onChange={(e) => {
          const span = parseSpan(e.target.value);
          if (span !== undefined) setRange({ kind: 'relative', spanMs: span });
        }}
      >
        {value === 'custom' && <option value="custom">Custom</option>}
        {SPANS.map((s) => (
          <option key={s} value={s}>
            {s === 'all' ? 'All (live)' : `Last ${s} (live)`}
          </option>
        ))}
        {value !== 'custom' && !SPANS.includes(value) && <option value={value}>Last {value} (live)</option>}
      </select>
    </label>
  );
}
