#!/usr/bin/env node
// `npm start -- [bridge flags]`: installs dependencies when missing, builds when
// sources changed since the last build, then runs the bridge (which serves the
// dashboard). With no --vm/--config it watches the built-in demo VM.
// A first-run convenience: services run `npm run serve --` or `node apps/bridge/dist/main.js`,
// which never install (npm ci deletes node_modules and needs the registry) nor build.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(cmd, cmdArgs, what) {
  console.error(`qmpscope: ${what}…`);
  const res = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) {
    console.error(`qmpscope: ${what} failed (exit ${res.status ?? res.signal}). Fix the error above and run again.`);
    process.exit(res.status ?? 1);
  }
}

function newest(dir) {
  if (!existsSync(dir)) return 0;
  let max = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    // Build outputs, not sources: tsc -b writes *.tsbuildinfo beside each tsconfig.
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.endsWith('.tsbuildinfo')) continue;
    const path = join(dir, entry.name);
    max = Math.max(max, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return max;
}

const lock = join(root, 'package-lock.json');
const installed = join(root, 'node_modules/.package-lock.json');
if (!existsSync(installed) || statSync(lock).mtimeMs > statSync(installed).mtimeMs) {
  run(npm, ['ci', '--no-audit', '--no-fund'], 'installing dependencies (npm ci)');
}

const bridgeMain = join(root, 'apps/bridge/dist/main.js');
const webIndex = join(root, 'apps/web/dist/index.html');
// tsc -b leaves unchanged outputs untouched, so output mtimes cannot say whether a build is
// current: a stamp written after each successful build can.
const stamp = join(root, 'node_modules/.qmpscope-built');
const sources = Math.max(...['packages', 'apps', 'public'].map((d) => newest(join(root, d))), statSync(lock).mtimeMs);
const built = existsSync(bridgeMain) && existsSync(webIndex) && existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
if (built < sources) {
  run(npm, ['run', 'build', '--silent'], 'building');
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
}

const child = spawn(process.execPath, [bridgeMain, ...args], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
