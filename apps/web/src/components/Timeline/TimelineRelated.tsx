import { memo } from 'react';
import { eventTimeMs } from '../../derive/eventTime';
import type { EventLink, RelatedEvents } from '../../derive/relatedEvents';
import { xOf, type Domain } from '../../derive/timelineLayout';
import { peerPlain } from '../../derive/peerText';

interface Props {
  related: RelatedEvents;
  lanes: ReadonlyMap<string, number>;
  domain: Domain;
  width: number;
  /** Lane centre line for lane i. */
  laneY: (lane: number) => number;
  laneH: number;
  /** Where a running migration's band ends (now, or the frozen now). */
  nowMs: number;
  layer: 'under' | 'over';
}

const LINK_TEXT: Record<EventLink['kind'], string> = {
  'shutdown-stop': 'STOP follows SHUTDOWN (QEMU runs with -no-shutdown)',
  'watchdog-action': 'the watchdog action follows WATCHDOG',
};

/**
 * What ties events together, drawn in two layers: migration bands under the
 * marks, cause→effect links and panic labels over them, so a panic is never
 * hidden and its label, not only its colour, says what happened.
 */
export const TimelineRelated = memo(function TimelineRelated({ related, lanes, domain, width, laneY, laneH, nowMs, layer }: Props) {
  const visible = (from: number, to: number) => to >= domain.from && from <= domain.to;
  const clampX = (t: number) => Math.max(-2, Math.min(width + 2, xOf(t, domain, width)));
  if (layer === 'under') {
    return (
      <g className="related-under">
        {related.migrations.map((m) => {
          const lane = lanes.get(m.vm);
          const to = m.to ?? nowMs;
          if (lane === undefined || !visible(m.from, to)) return null;
          const x1 = clampX(m.from);
          const x2 = Math.max(x1 + 3, clampX(to));
          const y = laneY(lane) - laneH / 2 + 2;
          const last = m.end === null ? (m.to === null ? 'running' : 'unfinished') : m.statuses.at(-1);
          return (
            <g key={m.start.seq} className={`mig-band${m.end === null ? ' open' : ''} mig-${last}`}>
              <rect x={x1} y={y} width={x2 - x1} height={laneH - 4} rx={3}>
                <title>{`${peerPlain(m.vm)} migration: ${m.statuses.map((st) => peerPlain(st)).join(' → ')}${m.end === null ? ` (${peerPlain(last ?? '')})` : ''}, ${m.passes.length} passes`}</title>
              </rect>
              {m.passes.map((p) => {
                const t = eventTimeMs(p);
                if (t < domain.from || t > domain.to) return null;
                const x = xOf(t, domain, width);
                return (
                  <line key={p.seq} className="mig-pass" x1={x} x2={x} y1={y + 1} y2={y + 6}>
                    <title>{`pass ${peerPlain(String(p.data?.['pass'] ?? '?'))}`}</title>
                  </line>
                );
              })}
            </g>
          );
        })}
      </g>
    );
  }
  return (
    <g className="related-over">
      {related.links.map((l) => {
        const lane = lanes.get(l.cause.vm);
        const t1 = eventTimeMs(l.cause);
        const t2 = eventTimeMs(l.effect);
        if (lane === undefined || !visible(Math.min(t1, t2), Math.max(t1, t2))) return null;
        // Cause and effect are often microseconds apart: the arc keeps a minimum width so it stays visible.
        let x1 = xOf(t1, domain, width);
        let x2 = xOf(t2, domain, width);
        if (x2 - x1 < 12) {
          const mid = (x1 + x2) / 2;
          x1 = mid - 6;
          x2 = mid + 6;
        }
        const y = laneY(lane) - 4;
        const ms = t2 - t1;
        return (
          <path
            key={`${l.cause.seq}-${l.effect.seq}`}
            className={`link link-${l.kind}`}
            d={`M${x1},${y}C${x1},${y - 11} ${x2},${y - 11} ${x2},${y}`}
          >
            <title>{`${peerPlain(l.cause.vm)}: ${peerPlain(l.cause.event)} → ${peerPlain(l.effect.event)}, ${ms < 1 ? `${Math.round(ms * 1000)} µs` : `${ms.toFixed(1)} ms`} later: ${LINK_TEXT[l.kind]}`}</title>
          </path>
        );
      })}
      {related.panics.map((p) => {
        const lane = lanes.get(p.vm);
        const t = eventTimeMs(p);
        if (lane === undefined || t < domain.from || t > domain.to) return null;
        const x = xOf(t, domain, width);
        const y = laneY(lane);
        // Keep the label inside the drawing: flip it to the left near the right edge.
        const left = x > width - 130;
        return (
          <g key={p.seq} className="panic" pointerEvents="none">
            <line x1={x} x2={x} y1={y - laneH / 2} y2={y + laneH / 2} />
            <circle cx={x} cy={y} r={12} />
            <text x={left ? x - 15 : x + 15} y={y + 4} textAnchor={left ? 'end' : 'start'}>
              GUEST PANICKED
            </text>
          </g>
        );
      })}
    </g>
  );
});
