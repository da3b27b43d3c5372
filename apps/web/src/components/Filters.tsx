import { useMemo, useRef } from 'react';
import { CATEGORIES, SEVERITIES } from '@qmpscope/events';
import { useShallow } from 'zustand/react/shallow';
import { NameCounts } from '../derive/nameCounts';
import { NO_FILTERS } from '../store/filtersSlice';
import { useAppStore } from '../store/store';
import { CheckboxGroup } from './CheckboxGroup';

export function Filters() {
  const { filters, setFilters, toggleFilter, vms, log, version, recordingVms } = useAppStore(
    useShallow((s) => ({ filters: s.filters, setFilters: s.setFilters, toggleFilter: s.toggleFilter, vms: s.vms, log: s.log, version: s.eventsVersion, recordingVms: s.recording?.vms })),
  );
  // One counter per log: a recording's log is not an extension of the live one.
  const counter = useRef({ log, counts: new NameCounts() });
  const names = useMemo(() => {
    if (counter.current.log !== log) counter.current = { log, counts: new NameCounts() };
    const counts = counter.current.counts.update(log.events);
    // Keep chosen names visible even when none are held (e.g. from a shared link).
    const all = new Set([...counts.keys(), ...filters.names]);
    return [...all].sort().map((n) => ({ value: n, label: n, count: counts.get(n) ?? 0 }));
    // version: the log is mutated in place; the counter changes with it.
  }, [log, version, filters.names]);
  const vmOptions = useMemo(() => {
    const all = new Set([...(recordingVms ?? vms.map((v) => v.name)), ...filters.vms]);
    return [...all].map((n) => ({ value: n, label: n }));
  }, [vms, filters.vms, recordingVms]);
  const active =
    filters.vms.length + filters.names.length + filters.categories.length + filters.severities.length > 0 || filters.text !== '';
  return (
    <section aria-label="Filters" className="panel filters">
      <h2>Filters</h2>
      <label className="search">
        Search event data
        <input type="search" value={filters.text} onChange={(e) => setFilters({ text: e.target.value })} placeholder="e.g. virtio-disk0, guest-panic" />
      </label>
      <CheckboxGroup legend="VMs" options={vmOptions} chosen={filters.vms} onToggle={(v) => toggleFilter('vms', v)} />
      <CheckboxGroup legend="Event names" options={names} chosen={filters.names} onToggle={(v) => toggleFilter('names', v)} scroll />
      <CheckboxGroup
        legend="Categories"
        options={CATEGORIES.map((c) => ({ value: c.id, label: c.label, title: c.description }))}
        chosen={filters.categories}
        onToggle={(v) => toggleFilter('categories', v)}
      />
      <CheckboxGroup
        legend="Severities"
        options={SEVERITIES.map((s) => ({ value: s.id, label: s.label }))}
        chosen={filters.severities}
        onToggle={(v) => toggleFilter('severities', v)}
      />
      <button type="button" disabled={!active} onClick={() => setFilters(NO_FILTERS)}>
        Clear filters
      </button>
    </section>
  );
}
