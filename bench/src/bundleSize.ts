import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Gzipped bytes of the JS the page loads before anything else: index.html's module scripts and modulepreloads. */
export function initialJsGzipBytes(webDist: string): { bytes: number; files: string[] } {
  const html = readFileSync(join(webDist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/?([^"]+\.js)"/g)].map(
    (m) => m[1] as string,
  );
  if (files.length === 0) throw new Error(`no script in ${webDist}/index.html: run npm run build -w apps/web first`);
  const bytes = files.reduce((n, f) => n + gzipSync(readFileSync(join(webDist, f)), { level: 9 }).length, 0);
  return { bytes, files };
}
