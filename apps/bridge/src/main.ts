#!/usr/bin/env node
import { parseArgs } from './cli/args.js';
import { usage } from './cli/usage.js';
import { UsageError } from './cli/usageError.js';
import { resolveConfig } from './config/bridgeConfig.js';
import { TOKEN_ENV, type TokenSource } from './config/accessToken.js';
import { readConfigFile } from './config/configFile.js';
import { startBridge, type Bridge } from './bridge.js';
import { VERSION } from './version.js';
import { logLine, warnToStderr } from './log/logLine.js';
import { redactFleetUrl } from './fleet/fleetUrl.js';

async function main(argv: readonly string[]): Promise<void> {
  const args = parseArgs(argv);
  if (args.help) {
    process.stdout.write(usage(VERSION));
    return;
  }
  if (args.version) {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  const file = args.config !== undefined ? readConfigFile(args.config) : null;
  const config = resolveConfig(args, file, process.cwd(), process.env, warnToStderr);
  const bridge = await startBridge(config);
  // One write: whoever reads up to the URL line (a script, the tests) has the whole banner.
  const banner = [
    `qmpscope ${VERSION} — dashboard at ${bridge.url}`,
    `  events stored in ${config.dataDir}/events.db (last seq ${bridge.lastSeq()})`,
    ...bridge.vms().map((vm) => `  vm ${vm.name}: ${vm.target}`),
    ...(config.fleet ? [`  fleet: node ${config.fleet.node} through Redis at ${redactFleetUrl(config.fleet.redis)}${config.vms.length + config.libvirt.length === 0 && !config.demo ? ' (a hub: no VM of its own)' : ''}`] : []),
    ...accessLines(bridge.url, config.token, config.tokenSource),
  ];
  if (config.demoByDefault) {
    banner.push(
      '  no VM given: watching the built-in demo VM. To watch a real one, start QEMU with',
      '  -qmp unix:/tmp/vm1.qmp,server=on,wait=off and run: npm start -- --vm vm1=unix:/tmp/vm1.qmp',
    );
  }
  process.stdout.write(`${banner.join('\n')}\n`);
  handleSignals(bridge);
}

/**
 * Like a notebook server: the link with the token is what the user opens; the redirect drops it from
 * the address bar but not from the browser's history, which the last line says.
 */
function accessLines(url: string, token: string | null, source: TokenSource): string[] {
  if (token === null) return ['  listening on loopback only, no access token (pages of other sites are refused)'];
  const history = "  opening the link leaves the token in that browser's history: on a shared computer use a private window";
  if (source === 'generated') {
    return [`  access token required; open ${url}?token=${token}`, `  (the token changes at each start: set --token-file or ${TOKEN_ENV} to keep one)`, history];
  }
  const from = source === 'env' ? TOKEN_ENV : source === 'file' ? '--token-file' : '--token';
  return [`  access token required (from ${from}); open ${url}?token=<token>, or send Authorization: Bearer <token>`, history];
}

function handleSignals(bridge: Bridge): void {
  const stop = (signal: string): void => {
    process.stdout.write(`qmpscope: ${signal}: flushing events and closing the database\n`);
    bridge.close().then(
      () => process.exit(0),
      (err: unknown) => {
        warnToStderr(`error while shutting down: ${err instanceof Error ? err.message : String(err)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof UsageError) {
    warnToStderr(`${err.message} (see --help)`);
    process.exit(2);
  }
  // Not the user's fault: keep the stack frames, they are what a bug report needs.
  warnToStderr(`unexpected error: ${err instanceof Error ? err.message : String(err)}`);
  const frames = err instanceof Error ? (err.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)) : [];
  if (frames.length > 0) process.stderr.write(`${frames.map(logLine).join('\n')}\n`);
  process.exit(1);
});
