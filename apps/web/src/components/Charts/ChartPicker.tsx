import { useContext, useState, type MouseEvent } from 'react';
import { usePlotArea } from 'recharts';
import { nearestPoint, type PickedPoint } from '../../derive/nearestPoint';
import { usePointPixels } from '../../hooks/usePointPixels';
import { DrawnPointsContext } from './DrawnPointsContext';
import { peerPlain } from '../../derive/peerText';

interface Props {
  colourOf: (vm: string) => string | undefined;
  formatY: (y: number) => string;
  onPick: (seq: number) => void;
}

const timeOf = (x: number) => new Date(x).toLocaleTimeString();

/**
 * The chart's pointer layer, inside the recharts surface: lines are drawn
 * without per-point symbols (600 symbols of several elements each made every
 * redraw block for hundreds of ms), so hovering marks the nearest drawn point
 * with one circle and its values, and a click opens that point's event. Its
 * hover state is its own: moving the pointer never redraws the lines.
 */
export function ChartPicker({ colourOf, formatY, onPick }: Props) {
  // Exactly the points the chart drew, per VM.
  const drawn = useContext(DrawnPointsContext);
  const area = usePlotArea();
  const toPx = usePointPixels();
  const [hover, setHover] = useState<PickedPoint | null>(null);
  if (!area || !toPx) return null;
  const pick = (e: MouseEvent<SVGRectElement>): PickedPoint | null => {
    const box = e.currentTarget.ownerSVGElement?.getBoundingClientRect();
    if (!box) return null;
    return nearestPoint(drawn, toPx, e.clientX - box.left, e.clientY - box.top);
  };
  const at = hover ? toPx(hover.point) : undefined;
  const leftSide = at !== undefined && at[0] > area.x + area.width / 2;
  return (
    <g className="chart-picker">
      <rect
        x={area.x}
        y={area.y}
        width={area.width}
        height={area.height}
        fill="transparent"
        style={{ cursor: 'pointer' }}
        onMouseMove={(e) => setHover(pick(e))}
        onMouseLeave={() => setHover(null)}
        onClick={(e) => {
          const p = pick(e) ?? hover;
          if (p) onPick(p.point.seq);
        }}
      />
      {hover && at && (
        <g className="chart-point" data-seq={hover.point.seq} style={{ cursor: 'pointer' }} onClick={() => onPick(hover.point.seq)}>
          <circle cx={at[0]} cy={at[1]} r={5} fill={colourOf(hover.vm)} stroke="#fff" strokeWidth={1.5} />
          <text
            x={at[0] + (leftSide ? -8 : 8)}
            y={Math.max(area.y + 10, at[1] - 8)}
            textAnchor={leftSide ? 'end' : 'start'}
            fontSize={11}
            fill="currentColor"
          >
            {`${peerPlain(hover.vm)} · ${timeOf(hover.point.x)} · ${formatY(hover.point.y)}`}
          </text>
        </g>
      )}
    </g>
  );
}
