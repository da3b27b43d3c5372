import { useContext, useId, useMemo } from 'react';
import { usePlotArea } from 'recharts';
import { linePath } from '../../derive/linePath';
import { dotsPath, PX_PER_DOT } from '../../derive/dotsPath';
import { usePointPixels } from '../../hooks/usePointPixels';
import { DrawnPointsContext } from './DrawnPointsContext';

const DOT_R = 3;

interface Props {
  colourOf: (vm: string) => string | undefined;
}

/**
 * Each VM's series as one SVG path, inside a recharts chart (its axes, grid
 * and scales). recharts' own Line builds several objects per point, measures
 * each path (a forced layout) and its Scatter several elements per point: a
 * redraw of three charts took hundreds of ms. A sparse chart also gets its
 * points as dots (one path per VM as well). Clipped to the plot area, as a
 * shared time window can start after a series' first point.
 */
export function ChartLines({ colourOf }: Props) {
  const drawn = useContext(DrawnPointsContext);
  const area = usePlotArea();
  const toPx = usePointPixels();
  const clipId = useId();
  const plotWidth = area?.width ?? 0;
  const paths = useMemo(() => {
    if (!toPx) return [];
    const total = drawn.reduce((n, [, pts]) => n + pts.length, 0);
    const dots = total <= plotWidth / PX_PER_DOT;
    return drawn.map(([vm, pts]) => ({ vm, line: linePath(pts, toPx), dots: dots ? dotsPath(pts, toPx, DOT_R) : '' }));
  }, [drawn, toPx, plotWidth]);
  if (!area) return null;
  return (
    <g className="chart-lines">
      <defs>
        <clipPath id={clipId}>
          {/* A dot's radius of slack: a point on the plot's edge shows whole, as recharts drew it. */}
          <rect x={area.x - DOT_R} y={area.y - DOT_R} width={area.width + 2 * DOT_R} height={area.height + 2 * DOT_R} />
        </clipPath>
      </defs>
      <g clipPath={`url(#${clipId})`}>
        {paths.map(({ vm, line, dots }) => (
          <g key={vm} className="chart-series" data-vm={vm}>
            <path className="chart-line" d={line} fill="none" stroke={colourOf(vm)} strokeWidth={1.5} strokeLinejoin="round" />
            {dots !== '' && <path className="chart-dots" d={dots} fill={colourOf(vm)} />}
          </g>
        ))}
      </g>
    </g>
  );
}
