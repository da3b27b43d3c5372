import { xOf, type Domain } from '../../derive/timelineLayout';

/** Half the width of a time label ("10:23:45 PM"). */
const LABEL_HALF_PX = 36;
const STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400].map((s) => s * 1000);

/** Ticks at round local times, about one per 110 px. */
export function TimelineAxis({ domain, width, y }: { domain: Domain; width: number; y: number }) {
  const span = domain.to - domain.from;
  const step = STEPS.find((s) => (s / span) * width >= 110) ?? 86_400_000 * Math.ceil(span / 86_400_000 / Math.max(1, width / 110));
  const offset = new Date().getTimezoneOffset() * 60_000;
  const ticks: number[] = [];
  // A tick whose centred label would be cut by the right edge is left out.
  const lastT = domain.to - (span * LABEL_HALF_PX) / Math.max(1, width);
  for (let t = Math.ceil((domain.from - offset) / step) * step + offset; t <= lastT && ticks.length < 60; t += step) ticks.push(t);
  const withDate = span > 86_400_000;
  return (
    <g className="axis" transform={`translate(0,${y})`}>
      <line x1={0} x2={width} y1={0} y2={0} />
      {ticks.map((t) => {
        const x = xOf(t, domain, width);
        const d = new Date(t);
        return (
          <g key={t} transform={`translate(${x},0)`}>
            <line y1={0} y2={4} />
            <text y={15} textAnchor="middle">
              {withDate
                ? d.toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })
                : d.toLocaleTimeString()}
            </text>
          </g>
        );
      })}
    </g>
  );
}
