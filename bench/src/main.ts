#!/usr/bin/env node
import { bridgeCase } from './bridgeCase.js';
import { browserCase } from './browserCase.js';
import { chartCase } from './chartCase.js';
import type { Figure } from './figure.js';
import { fleetCase } from './fleetCase.js';
import { ingestCase } from './ingestCase.js';
import { latencyCase } from './latencyCase.js';
import { storageCase } from './storageCase.js';
import { renderTable } from './table.js';

/** npm run bench [-- --quick] [-- --only=ingest,bridge,latency,storage,browser,fleet] */
async function main(argv: readonly string[]): Promise<void> {
  const quick = argv.includes('--quick');
  const only = argv
    .find((a) => a.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',');
  const vms = quick ? 100 : 1000;
  const figures: Figure[] = [];
  const jsonParseCeiling = (): number | null => figures.find((f) => f.case === '1 ingest')?.ceiling?.value ?? null;
  const cases: [string, string, () => Promise<Figure[]>][] = [
    ['ingest', '1 ingest', () => ingestCase(quick ? 100 : 300)],
    ['bridge', '2 bridge', () => bridgeCase({ vms, seconds: quick ? 3 : 10, rate: 100_000, jsonParseCeiling: jsonParseCeiling() })],
    ['latency', '3 latency', () => latencyCase({ vms, seconds: quick ? 3 : 8, rates: [1000, 10_000] })],
    ['storage', '4 storage', async () => storageCase(quick ? 200_000 : 1_000_000, 1000)],
    ['browser', '5 browser (charts)', () => chartCase(1_000_000)],
    ['browser', '5 browser', () => browserCase(quick ? 100_000 : 1_000_000)],
    [
      'fleet',
      '6 fleet',
      () =>
        fleetCase(
          quick
            ? { bridges: 4, vmsPerBridge: 25, rate: 1000, hubs: 2, clientsPerHub: 2, seconds: 3, ceilingEntries: 50_000 }
            : { bridges: 4, vmsPerBridge: 250, rate: 10_000, hubs: 2, clientsPerHub: 10, seconds: 10, ceilingEntries: 500_000 },
        ),
    ],
  ];
  for (const [id, label, run] of cases) {
    if (only !== undefined && !only.includes(id)) continue;
    process.stderr.write(`bench: ${label}…\n`);
    try {
      figures.push(...(await run()));
    } catch (err) {
      // A case that cannot finish is a result too: it goes in the table, the others still run.
      const message = err instanceof Error ? (err.message.split('\n')[0] ?? err.message) : String(err);
      figures.push({ case: label, name: 'did not finish', value: null, unit: '', ceiling: null, target: null, note: message });
    }
  }
  process.stdout.write(`${renderTable(figures)}\n`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
