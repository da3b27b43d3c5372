#!/usr/bin/env node
// npm run bench [-- --quick] [-- --only=ingest,bridge,latency,storage,browser]
// Runs the compiled bench (bench/dist, built by `npm run build` once bench is in the root tsconfig).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const main = `${root}bench/dist/main.js`;
if (!existsSync(main)) {
  const built = spawnSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-b', `${root}bench`], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const run = spawnSync(process.execPath, [main, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(run.status ?? 1);
