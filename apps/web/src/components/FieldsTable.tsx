import { useMemo, useState } from 'react';
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

/** Rows drawn until "Show all fields": an event of 100,000 small fields took seconds to open. */
const MAX_ROWS = 500;

export function FieldsTable({ event }: { event: StoredEvent }) {
  const rows = useMemo(() => fieldRows(event.data, (path) => describeField(event.event, path), formatUnit), [event]);
  const [all, setAll] = useState(false);
  if (rows.length === 0) return <p className="muted">No data fields.</p>;
  const shown = all || rows.length <= MAX_ROWS ? rows : rows.slice(0, MAX_ROWS);
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
        {shown.map((r) => (
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
        {shown.length < rows.length && (
          <tr>
            <td colSpan={4} className="muted">
              {(rows.length - shown.length).toLocaleString('en-US')} more fields not drawn.{' '}
              <button type="button" onClick={() => setAll(true)}>
                Show all fields
              </button>
            </td>
          </tr>
        )}
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
