import { useMemo } from 'react';
import { describeField, describeValue, formatBytes, formatSecondsOffset, type StoredEvent } from '@qmpscope/events';
import { fieldRows, type UnitFormatter } from '../derive/fieldRows';
import { PeerText } from './PeerText';
import { PeerValue } from './PeerValue';

const formatUnit: UnitFormatter = (value, unit) => {
  switch (unit) {
    case 'bytes':
      return formatBytes(value);
    case 'seconds':
      return formatSecondsOffset(value);
    case 'sectors':
      return `${value} sectors`;
    case 'count':
      return String(value);
  }
};

export function FieldsTable({ event }: { event: StoredEvent }) {
  const rows = useMemo(() => fieldRows(event.data, (path) => describeField(event.event, path), formatUnit), [event]);
  if (rows.length === 0) return <p className="muted">No data fields.</p>;
  return (
    <table aria-label="Fields" className="fields">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Value</th>
          <th scope="col">Type</th>
          <th scope="col">Meaning</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.path} className={r.known ? undefined : 'unknown-field'}>
            <th scope="row" style={{ paddingLeft: `${0.4 + r.depth}em` }}>
              <PeerText value={r.path} />
            </th>
            <td className="value">
              <PeerValue value={r.value} />
            </td>
            <td className="type">{r.type}</td>
            <td className="meaning">
              {r.meaning}
              <ValueMeaning event={event.event} keys={r.keys} raw={r.raw} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** For enum values ("host-signal"), what that value means. */
function ValueMeaning({ event, keys, raw }: { event: string; keys: string[]; raw: unknown }) {
  const text = describeValue(event, keys, raw);
  return text ? (
    <span className="value-meaning">
      {' '}
      <PeerText value={String(raw)} />: {text}
    </span>
  ) : null;
}
