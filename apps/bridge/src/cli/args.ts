import { UsageError } from './usageError.js';
import { checkUniqueNames, parseVmFlag, type VmSpec } from '../config/vmSpec.js';
import { checkLibvirtUri } from '../libvirt/libvirtUri.js';
import { checkFleetUrl, checkNodeName } from '../fleet/fleetUrl.js';
import { parseFleetRetention, type FleetRetention } from '../fleet/fleetRetention.js';
import { LOG_FORMATS, LOG_LEVELS, type LogFormat, type LogLevel } from '../log/log.js';

/** The command line as given; defaults are applied later, after the config file is merged. */
export interface CliArgs {
  vms: VmSpec[];
  /** `--libvirt URI`, repeatable. */
  libvirt: string[];
  config?: string;
  host?: string;
  port?: number;
  dataDir?: string;
  retentionEvents?: number;
  retentionDays?: number;
  maxLineBytes?: number;
  webDir?: string;
  token?: string;
  tokenFile?: string;
  /** `--fleet URL`: may hold a password (see fleet/fleetUrl.ts). */
  fleet?: string;
  node?: string;
  /** `--fleet-retention`, repeatable: entries and/or an age. */
  fleetRetention?: Partial<FleetRetention>;
  logFormat?: LogFormat;
  logLevel?: LogLevel;
  demo: boolean;
  help: boolean;
  version: boolean;
}

type ValueFlag =
  | '--vm'
  | '--libvirt'
  | '--config'
  | '--host'
  | '--port'
  | '--data-dir'
  | '--retention-events'
  | '--retention-days'
  | '--max-line-bytes'
  | '--web-dir'
  | '--token'
  | '--token-file'
  | '--log-format'
  | '--log-level'
  | '--fleet'
  | '--node'
  | '--fleet-retention';
const VALUE_FLAGS: readonly ValueFlag[] = [
  '--vm',
  '--libvirt',
  '--config',
  '--host',
  '--port',
  '--data-dir',
  '--retention-events',
  '--retention-days',
  '--max-line-bytes',
  '--web-dir',
  '--token',
  '--token-file',
  '--log-format',
  '--log-level',
  '--fleet',
  '--node',
  '--fleet-retention',
];
const SWITCHES = ['--demo', '--help', '-h', '--version', '-v'] as const;

/** Parses argv (without node and script); throws UsageError with a one-line message. */
export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { vms: [], libvirt: [], demo: false, help: false, version: false };
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    const eq = token.startsWith('--') ? token.indexOf('=') : -1;
    const flag = eq > 0 ? token.slice(0, eq) : token;
    if ((SWITCHES as readonly string[]).includes(flag)) {
      if (eq > 0) throw new UsageError(`${flag} takes no value`);
      if (flag === '--demo') args.demo = true;
      else if (flag === '--help' || flag === '-h') args.help = true;
      else args.version = true;
      continue;
    }
    if (!(VALUE_FLAGS as readonly string[]).includes(flag)) {
      throw new UsageError(
        token.startsWith('-')
          ? `unknown option ${flag}`
          : `unexpected argument ${JSON.stringify(token)} (VMs are given as --vm NAME=TARGET)`,
      );
    }
    let value: string | undefined;
    if (eq > 0) value = token.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || (value.startsWith('--') && value.length > 2)) throw new UsageError(`${flag} needs a value`);
      i++;
    }
    applyValue(args, flag as ValueFlag, value);
  }
  checkUniqueNames(args.vms, '--vm');
  if (args.token !== undefined && args.tokenFile !== undefined) throw new UsageError('give --token or --token-file, not both');
  return args;
}

function applyValue(args: CliArgs, flag: ValueFlag, value: string): void {
  switch (flag) {
    case '--vm':
      args.vms.push(parseVmFlag(value));
      return;
    case '--libvirt':
      if (!args.libvirt.includes(value)) args.libvirt.push(checkLibvirtUri(value, flag));
      return;
    case '--config':
      args.config = nonEmpty(flag, value);
      return;
    case '--host':
      args.host = nonEmpty(flag, value);
      return;
    case '--port':
      args.port = integer(flag, value, 0, 65535);
      return;
    case '--data-dir':
      args.dataDir = nonEmpty(flag, value);
      return;
    case '--retention-events':
      args.retentionEvents = integer(flag, value, 1, Number.MAX_SAFE_INTEGER);
      return;
    case '--retention-days':
      args.retentionDays = integer(flag, value, 1, 36_500);
      return;
    case '--max-line-bytes':
      args.maxLineBytes = integer(flag, value, 1024, 1024 * 1024 * 1024);
      return;
    case '--web-dir':
      args.webDir = nonEmpty(flag, value);
      return;
    case '--token':
      args.token = nonEmpty(flag, value);
      return;
    case '--token-file':
      args.tokenFile = nonEmpty(flag, value);
      return;
    case '--fleet':
      args.fleet = checkFleetUrl(value, flag);
      return;
    case '--node':
      args.node = checkNodeName(value, flag);
      return;
    case '--fleet-retention':
      args.fleetRetention = { ...args.fleetRetention, ...parseFleetRetention(value, flag) };
      return;
    case '--log-format':
      args.logFormat = oneOf(flag, value, LOG_FORMATS);
      return;
    case '--log-level':
      args.logLevel = oneOf(flag, value, LOG_LEVELS);
      return;
  }
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined) throw new UsageError(`${flag} ${JSON.stringify(value)}: expected one of ${allowed.join(', ')}`);
  return found;
}

function nonEmpty(flag: string, value: string): string {
  if (value.trim() === '') throw new UsageError(`${flag} needs a non-empty value`);
  return value;
}

export function integer(flag: string, value: string, min: number, max: number): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`${flag} ${JSON.stringify(value)}: expected an integer from ${min} to ${max}`);
  }
  return n;
}
