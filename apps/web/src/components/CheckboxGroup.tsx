import { memo } from 'react';
import { PeerText } from './PeerText';

interface Option {
  value: string;
  label: string;
  title?: string;
  /** Shown beside the label, kept out of the accessible name so "STOP" stays "STOP". */
  count?: number;
}

interface Props {
  legend: string;
  options: Option[];
  chosen: string[];
  onToggle: (value: string) => void;
  /** Long lists scroll inside a bounded box. */
  scroll?: boolean;
}

/**
 * A fieldset of checkboxes; none checked means "all".
 * Memo: the filters re-render with every batch of events (name counts), and the VM group has
 * one checkbox per VM (1,000 in a large fleet): it re-renders only when its own props change.
 */
export const CheckboxGroup = memo(function CheckboxGroup({ legend, options, chosen, onToggle, scroll = false }: Props) {
  return (
    <fieldset className={`checks${scroll ? ' scroll' : ''}`}>
      <legend>{legend}</legend>
      {options.length === 0 && <span className="muted">none yet</span>}
      {options.map((o) => (
        <label key={o.value} title={o.title}>
          <input type="checkbox" value={o.value} checked={chosen.includes(o.value)} onChange={() => onToggle(o.value)} />
          <PeerText value={o.label} />
          {o.count !== undefined && (
            <span className="count" aria-hidden="true">
              {' '}
              {o.count}
            </span>
          )}
        </label>
      ))}
    </fieldset>
  );
});
