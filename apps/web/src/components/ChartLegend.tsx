interface Props {
  vms: readonly string[];
  colourOf: (vm: string) => string | undefined;
}

/** Which colour is which VM. Plain HTML beside the SVG: it wraps freely and never shrinks the plot. */
export function ChartLegend({ vms, colourOf }: Props) {
  return (
    <ul className="chart-legend" aria-hidden="true" style={{ listStyle: 'none', margin: 0, padding: '0 8px', display: 'flex', flexWrap: 'wrap', gap: '2px 12px', fontSize: 11 }}>
      {vms.map((vm) => (
        <li key={vm}>
          <span style={{ display: 'inline-block', width: 10, height: 3, marginRight: 4, verticalAlign: 'middle', background: colourOf(vm) }} />
          {vm}
        </li>
      ))}
    </ul>
  );
}
