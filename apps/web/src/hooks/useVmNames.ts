import { useMemo } from 'react';
import { useAppStore } from '../store/store';

/**
 * The VM names in overview order. VmInfo objects change with every event (counts),
 * names almost never: selecting a joined string keeps this stable through floods.
 */
export function useVmNames(): string[] {
  const joined = useAppStore((s) => s.vmNames);
  return useMemo(() => (joined === '' ? [] : joined.split('\n')), [joined]);
}
