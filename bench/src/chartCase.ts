import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import type { Figure } from './figure.js';
import { percentile } from './percentiles.js';

interface Point {
  x: number;
  y: number;
  seq: number;
}
/** apps/web/src/derive/sampleCache.ts's SampleCache, as far as this case uses it. */
interface SampleCache {
  sample(points: readonly Point[], threshold: number): readonly Point[];
}
type SampleCacheClass = new () => SampleCache;

const WEB_ROOT = fileURLToPath(new URL('../../apps/web', import.meta.url));
const RUNS = 9;
/**
 * What the dashboard's SeriesChart asks of its downsampler for one VM's line in a chart ~1,300 px wide
 * (apps/web/src/derive/chartSampling.ts: one point per 2 px of plot, at most 2,000 per chart).
 */
const THRESHOLD = 600;

/**
 * Case 5 (charts, in Node): exactly what SeriesChart calls when a series changed, a fresh
 * SampleCache's sample() (apps/web/src/derive/sampleCache.ts -> MinMaxLTTB, loaded through Vite's
 * module loader, no copy), over a million points of a balloon-like series. Ceiling: one pass over
 * the same points reading y (min/max), the least any downsampler must do.
 */
export async function chartCase(points: number): Promise<Figure[]> {
  const vite = await createServer({
    root: WEB_ROOT,
    configFile: false,
    logLevel: 'error',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false },
  });
  let Cache: SampleCacheClass;
  try {
    Cache = ((await vite.ssrLoadModule('/src/derive/sampleCache.ts')) as { SampleCache: SampleCacheClass }).SampleCache;
  } finally {
    await vite.close();
  }
  const series = balloonSeries(points);
  const downsample: number[] = [];
  const scan: number[] = [];
  let kept = 0;
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    // A fresh cache each run: a cached series would cost nothing and measure nothing.
    kept = new Cache().sample(series, THRESHOLD).length;
    downsample.push(performance.now() - t);
    t = performance.now();
    let lo = Infinity;
    let hi = -Infinity;
    for (const p of series) {
      if (p.y < lo) lo = p.y;
      if (p.y > hi) hi = p.y;
    }
    scan.push(performance.now() - t);
    if (lo > hi) throw new Error('empty series');
  }
  if (kept !== THRESHOLD) throw new Error(`the chart's downsampler kept ${kept} points of ${points}, expected ${THRESHOLD}`);
  const perMillion = (ms: number | null): number => ((ms ?? 0) * 1_000_000) / points;
  return [
    {
      case: '5 browser',
      name: `chart downsampling (MinMaxLTTB, ${points.toLocaleString('en-US')} points -> ${THRESHOLD}) per million points, median of ${RUNS}`,
      value: perMillion(percentile(downsample, 50)),
      unit: 'ms',
      ceiling: { value: perMillion(percentile(scan, 50)), what: 'one min/max pass over the points' },
      target: { value: 10, higherIsBetter: false },
    },
  ];
}

/** Memory in bytes every second with slow drifts and sharp drops (balloon inflations): peaks the downsampler must keep. */
function balloonSeries(n: number): Point[] {
  const out: Point[] = [];
  let y = 4 * 1024 ** 3;
  let seed = 12345;
  const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < n; i++) {
    y += (rand() - 0.5) * 8 * 1024 ** 2;
    if (rand() < 0.001) y -= 512 * 1024 ** 2;
    if (y < 512 * 1024 ** 2) y = 4 * 1024 ** 3;
    out.push({ x: 1_700_000_000_000 + i * 1000, y, seq: i });
  }
  return out;
}
