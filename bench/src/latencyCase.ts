import { launchChromium } from './chromium.js';
import type { Figure } from './figure.js';
import { installPaintProbe, takePainted } from './pagePaintProbe.js';
import { percentile } from './percentiles.js';
import { Rig } from './rig.js';
import { sleep } from './sleep.js';

/**
 * Case 3: from the moment the simulator writes a QMP line (its QEMU timestamp, same host clock)
 * to (a) a socket.io client's hands, (b) the row painted in the dashboard. Ceiling for (a): one
 * unix-socket hop between two processes, measured the same way (the fleet -> bridge hop alone).
 */
export async function latencyCase(opts: { vms: number; seconds: number; rates: number[] }): Promise<Figure[]> {
  const figures: Figure[] = [];
  const browser = await launchChromium();
  try {
    for (const rate of opts.rates) {
      const rig = await Rig.start({ vms: opts.vms, rate, clients: 10 });
      try {
        // First with no page open: the clients' core then measures the bridge's path, not
        // chromium's load on the same core (the fleet, the clients and chromium share CPU 1).
        await sleep(1000);
        await rig.report();
        await sleep(opts.seconds * 1000);
        const alone = await rig.report();
        const page = await browser.newPage();
        await page.goto(rig.url);
        await installPaintProbe(page);
        await sleep(1000);
        await rig.report();
        await takePainted(page);
        await sleep(opts.seconds * 1000);
        const painted = await takePainted(page);
        const report = await rig.report();
        await page.close();
        const written = new Map(report.written);
        const pixels: number[] = [];
        for (const [seq, at] of painted) {
          const ts = written.get(seq);
          if (ts !== undefined) pixels.push(at - ts / 1000);
        }
        // The low-rate mode (p99 <= 5 ms at <= 1,000/s) is read as QMP -> client store: a row
        // cannot reach the screen in less than one frame (16.7 ms at 60 Hz), so pixels keep 50 ms.
        const target = rate <= 1000 ? { client: 5, pixels: 50 } : { client: 25, pixels: 50 };
        const at = `at ${rate.toLocaleString('en-US')} ev/s`;
        const row = (name: string, samples: number[], p: number, t: number | null): Figure => ({
          case: '3 latency',
          name: `${name} p${p} ${at}`,
          value: percentile(samples, p),
          unit: 'ms',
          ceiling: null,
          target: t === null ? null : { value: t, higherIsBetter: false },
          note: p === 99 ? `${samples.length} samples` : undefined,
        });
        figures.push(
          row('line written -> socket.io client', alone.latencyMs, 50, null),
          row('line written -> socket.io client', alone.latencyMs, 99, target.client),
          row('  of which bridge read -> socket.io client', alone.bridgeMs, 50, null),
          row('  of which bridge read -> socket.io client', alone.bridgeMs, 99, null),
          row('line written -> socket.io client, page open', report.latencyMs, 99, null),
          row('line written -> row painted', pixels, 50, null),
          row('line written -> row painted', pixels, 99, target.pixels),
        );
      } finally {
        await rig.stop();
      }
    }
  } finally {
    await browser.close();
  }
  return figures.map((f) => (f.note === undefined ? (({ note: _n, ...rest }) => rest)(f) : f));
}
