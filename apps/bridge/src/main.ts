#!/usr/bin/env node
import { parseArgs, type CliArgs } from './cli/args.js';
import { usage } from './cli/usage.js';
import { UsageError } from './cli/usageError.js';
import { resolveConfig } from './config/bridgeConfig.js';
import { TOKEN_ENV, type TokenSource } from './config/accessToken.js';
import { readConfigFile } from './config/configFile.js';
import { startBridge, type Bridge } from './bridge.js';
import type { ReloadPlan } from './config/configReload.js';
import { VERSION } from './version.js';
import { logLine, warnToStderr } from './log/logLine.js';
import { redactFleetUrl } from './fleet/fleetUrl.js';
import { effectiveFormat, type Log } from './log/log.js';
import { createLog } from './log/pinoLog.js';

/** The JSON log once the flags chose it: a crash is then a record too; otherwise errors are plain lines. */
let jsonLog: Log | null = null;

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
  const format = effectiveFormat(args.logFormat ?? 'auto', process.stderr.isTTY === true);
  const started = createLog({ format, level: args.logLevel ?? 'info' });
  if (format === 'json') jsonLog = started;
  const file = args.config !== undefined ? readConfigFile(args.config) : null;
  const config = resolveConfig(args, file, process.cwd(), process.env, (line) => started.warn(line));
  const bridge = await startBridge(config, { log: started });
  // One write: whoever reads up to the URL line (a script, the tests) has the whole banner.
  const banner = [
    `qmpscope ${VERSION} — dashboard at ${bridge.url}`,
    `  events stored in ${config.dataDir}/events.db (last seq ${bridge.lastSeq()})`,
    ...bridge.vms().map((vm) => `  vm ${vm.name}: ${vm.target}`),
    ...(config.fleet
      ? [
          `  fleet: node ${config.fleet.node} through Redis at ${redactFleetUrl(config.fleet.redis)}${config.vms.length + config.libvirt.length === 0 && !config.demo ? ' (a hub: no VM of its own)' : ''}`,
        ]
      : []),
    ...accessLines(bridge.url, config.token, config.tokenSource),
  ];
  if (config.demoByDefault) {
    banner.push(
      '  no VM given: watching the built-in demo VM. To watch a real one, start QEMU with',
      '  -qmp unix:/tmp/vm1.qmp,server=on,wait=off and run: npm start -- --vm vm1=unix:/tmp/vm1.qmp',
    );
  }
  process.stdout.write(`${banner.join('\n')}\n`);
  // The banner is for whoever started the bridge; a log pipeline reading stderr gets the same as a record.
  if (format === 'json') {
    started.info('started', {
      version: VERSION,
      url: bridge.url,
      dataDir: config.dataDir,
      lastSeq: bridge.lastSeq(),
      vms: bridge.vms().length,
      token: config.tokenSource ?? 'none',
    });
  }
  handleSignals(bridge, started);
  // Without --config there is nothing to reload, and SIGHUP keeps its default: the bridge ends with its terminal.
  const path = args.config;
  if (path !== undefined) process.on('SIGHUP', () => void reloadConfig(bridge, args, path, started));
}

/** SIGHUP (`systemctl reload`): reads --config again and applies what can change while running. */
async function reloadConfig(bridge: Bridge, args: CliArgs, path: string, log: Log): Promise<void> {
  try {
    const next = resolveConfig(args, readConfigFile(path), process.cwd(), process.env, (line) => log.warn(line));
    const plan = await bridge.reload(next);
    log.info('config file reloaded', reloadFields(path, plan));
    if (plan.needRestart.length > 0) {
      log.warn('config file settings changed that take effect at the next restart (the running values stay until then)', {
        path,
        settings: plan.needRestart.join(','),
      });
    }
  } catch (err) {
    log.error('config not reloaded, the running config stays', { path, error: err instanceof Error ? err.message : String(err) });
  }
}

/** VM names as comma-separated fields (names never hold a comma): one line a collector can index. */
function reloadFields(path: string, plan: ReloadPlan): Record<string, string | number> {
  return {
    path,
    started: plan.add.map((v) => v.name).join(','),
    reconnected: plan.retarget.map((v) => v.name).join(','),
    stopped: plan.remove.join(','),
    unchanged: plan.unchanged.length,
  };
}

/**
 * Like a notebook server: the link with the token is what the user opens; the redirect drops it from
 * the address bar but not from the browser's history, which the last line says.
 */
function accessLines(url: string, token: string | null, source: TokenSource): string[] {
  if (token === null) return ['  listening on loopback only, no access token (pages of other sites are refused)'];
  const history = "  opening the link leaves the token in that browser's history: on a shared computer use a private window";
  if (source === 'generated') {
    return [
      `  access token required; open ${url}?token=${token}`,
      `  (the token changes at each start: set --token-file or ${TOKEN_ENV} to keep one)`,
      history,
    ];
  }
  const from = source === 'env' ? TOKEN_ENV : source === 'file' ? '--token-file' : '--token';
  return [`  access token required (from ${from}); open ${url}?token=<token>, or send Authorization: Bearer <token>`, history];
}

function handleSignals(bridge: Bridge, log: Log): void {
  const stop = (signal: string): void => {
    log.info('flushing events and closing the database', { signal });
    bridge.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error('error while shutting down', { error: err instanceof Error ? err.message : String(err) });
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
  const message = err instanceof Error ? err.message : String(err);
  const frames = err instanceof Error ? (err.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)) : [];
  if (jsonLog) jsonLog.error('unexpected error', { error: message, stack: frames.map((f) => f.trim()).join('\n') });
  else {
    warnToStderr(`unexpected error: ${message}`);
    if (frames.length > 0) process.stderr.write(`${frames.map(logLine).join('\n')}\n`);
  }
  process.exit(1);
});
