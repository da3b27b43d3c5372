import { memo, useCallback, useMemo } from 'react';
import { CATEGORIES, SEVERITIES } from '@qmpscope/events';
import { useShallow } from 'zustand/react/shallow';
import { useVmNames } from '../hooks/useVmNames';
import { useLive } from '../live/useLive';
import { NO_FILTERS } from '../store/filtersSlice';
import { useAppStore } from '../store/store';
import { CheckboxGroup } from './CheckboxGroup';

// Fixed lists: the same option objects every render, so their groups skip re-rendering.
const CATEGORY_OPTIONS = CATEGORIES.map((c) => ({ value: c.id, label: c.label, title: c.description }));
const SEVERITY_OPTIONS = SEVERITIES.map((s) => ({ value: s.id, label: s.label }));

// memo: the filters follow the store and the engine's readout at their own pace, not App's.
export const Filters = memo(function Filters() {
  const { filters, setFilters, toggleFilter, recordingVms } = useAppStore(
    useShallow((s) => ({ filters: s.filters, setFilters: s.setFilters, toggleFilter: s.toggleFilter, recordingVms: s.recording?.vms })),
  );
  // Names, not VmInfo objects: those change with every VM update (~1 a second at 1,000 VMs),
  // and the VM group (one checkbox per VM) must not re-render on each batch of events.
  const vmNames = useVmNames();
  // Per-name counts are a readout: the live engine publishes them a few times a second.
  const counts = useLive('readout').names;
  const names = useMemo(() => {
    // Keep chosen names visible even when none are held (e.g. from a shared link).
    const all = new Set([...counts.keys(), ...filters.names]);
    return [...all].sort().map((n) => ({ value: n, label: n, count: counts.get(n) ?? 0 }));
  }, [counts, filters.names]);
  const vmOptions = useMemo(() => {
    const all = new Set([...(recordingVms ?? vmNames), ...filters.vms]);
    return [...all].map((n) => ({ value: n, label: n }));
  }, [vmNames, filters.vms, recordingVms]);
  const toggleVm = useCallback((v: string) => toggleFilter('vms', v), [toggleFilter]);
  const toggleName = useCallback((v: string) => toggleFilter('names', v), [toggleFilter]);
  const toggleCategory = useCallback((v: string) => toggleFilter('categories', v), [toggleFilter]);
  const toggleSeverity = useCallback((v: string) => toggleFilter('severities', v), [toggleFilter]);
  const active =
    filters.vms.length + filters.names.length + filters.categories.length + filters.severities.length > 0 || filters.text !== '';
  return (
    <section aria-label="Filters" className="panel filters">
      <h2>Filters</h2>
      <label className="search">
        Search event data
        <input
          type="search"
          value={filters.text}
          onChange={(e) => setFilters({ text: e.target.value })}
          placeholder="e.g. virtio-disk0, guest-panic"
        />
      </label>
      <CheckboxGroup legend="VMs" options={vmOptions} chosen={filters.vms} onToggle={toggleVm} />
      <CheckboxGroup legend="Event names" options={names} chosen={filters.names} onToggle={toggleName} scroll />
      <CheckboxGroup legend="Categories" options={CATEGORY_OPTIONS} chosen={filters.categories} onToggle={toggleCategory} />
      <CheckboxGroup legend="Severities" options={SEVERITY_OPTIONS} chosen={filters.severities} onToggle={toggleSeverity} />
      <button type="button" disabled={!active} onClick={() => setFilters(NO_FILTERS)}>
        Clear filters
      </button>
    </section>
  );
});
