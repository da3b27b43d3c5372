import { PeerText } from '../PeerText';

interface Props {
  vms: readonly string[];
  colourOf: (vm: string) => string | undefined;
}

/** Which colour is which VM. Plain HTML beside the SVG: it wraps freely and never shrinks the plot. */
export function ChartLegend({ vms, colourOf }: Props) {
  return (
    <ul className="chart-legend" aria-hidden="true">
      {vms.map((vm) => (
        <li key={vm}>
          <span className="swatch" style={{ background: colourOf(vm) }} />
          <PeerText value={vm} />
        </li>
      ))}
    </ul>
  );
}
