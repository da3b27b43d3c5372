import { met, type Figure } from './figure.js';

/** Prints the figures as one Markdown table (pasteable into docs/PERFORMANCE.md), notes below it. */
export function renderTable(figures: readonly Figure[]): string {
  const head = ['Case', 'Figure', 'Value', 'Ceiling (same run)', 'Ratio', 'Target', 'Met'];
  const rows = figures.map((f) => [
    f.case,
    f.name,
    f.value === null ? 'n/a' : `${formatNumber(f.value)} ${f.unit}`,
    f.ceiling === null ? '—' : `${formatNumber(f.ceiling.value)} ${f.unit} (${f.ceiling.what})`,
    f.value === null || f.ceiling === null || f.ceiling.value === 0 ? '—' : (f.value / f.ceiling.value).toFixed(2),
    f.target === null ? '—' : `${f.target.higherIsBetter ? '>=' : '<='} ${formatNumber(f.target.value)}`,
    met(f) === null ? '—' : met(f) ? 'yes' : '**no**',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const out = [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)];
  const notes = figures.filter((f) => f.note !== undefined).map((f) => `- ${f.case} / ${f.name}: ${f.note}`);
  if (notes.length > 0) out.push('', ...notes);
  return out.join('\n');
}

export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  if (abs >= 100) return Math.round(n).toLocaleString('en-US');
  if (abs >= 10) return n.toFixed(1);
  return n.toFixed(2);
}
