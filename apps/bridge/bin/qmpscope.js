#!/usr/bin/env node
// The installed `qmpscope` command for services: runs the built bridge as it is, never installs or builds.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write(`qmpscope: ${fileURLToPath(main)} is missing: run \`npm ci && npm run build\` once in the qmpscope checkout\n`);
  process.exit(1);
}
await import(main.href);
