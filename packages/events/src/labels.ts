import type { Category, Severity } from './model.js';

export interface CategoryLabel {
  id: Category;
  label: string;
  description: string;
}

export interface SeverityLabel {
  id: Severity;
  label: string;
  /** 0 for info up to 3 for error, to compare and filter ("warning and worse"). */
  rank: number;
}

/** Every category in display order, 'other' (events the catalogue does not know) last. */
export const CATEGORIES: readonly CategoryLabel[] = [
  { id: 'run-state', label: 'Run state', description: 'CPUs paused or running.' },
  { id: 'power', label: 'Power', description: 'Shutdown, reset, power button, suspend and wake-up.' },
  { id: 'display', label: 'Display', description: 'VNC and SPICE clients connecting and leaving.' },
  { id: 'migration', label: 'Migration', description: 'Live migration progress and failover.' },
  { id: 'memory', label: 'Memory', description: 'Balloon, memory devices and memory dumps.' },
  { id: 'devices', label: 'Devices', description: 'Hot-plug, NICs, serial ports, clock and other devices.' },
  { id: 'storage', label: 'Storage', description: 'Disk errors, quorum and block jobs.' },
  { id: 'guest-health', label: 'Guest health', description: 'Panics, crashes, watchdog and hardware errors.' },
  { id: 'other', label: 'Other', description: 'Events this version of qmpscope does not know.' },
];

/** Every severity, lowest first. */
export const SEVERITIES: readonly SeverityLabel[] = [
  { id: 'info', label: 'Info', rank: 0 },
  { id: 'notice', label: 'Notice', rank: 1 },
  { id: 'warning', label: 'Warning', rank: 2 },
  { id: 'error', label: 'Error', rank: 3 },
];

/** Rank of a severity, for "at least warning" filters. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.find((s) => s.id === severity)?.rank ?? 0;
}
