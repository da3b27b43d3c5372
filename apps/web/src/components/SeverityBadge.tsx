import type { Severity } from '@qmpscope/events';

/** Severity as a word and a colour, never colour alone. */
export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span className={`badge sev-${severity}`}>{severity}</span>;
}
