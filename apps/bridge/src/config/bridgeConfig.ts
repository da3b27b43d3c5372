import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import type { CliArgs } from '../cli/args.js';
import { UsageError } from '../cli/usageError.js';
import type { RetentionPolicy } from '../storage/retention.js';
import { readTokenFile, resolveAccessToken, TOKEN_ENV, type TokenSource } from './accessToken.js';
import type { ConfigFile } from './configFile.js';
import type { VmSpec } from './vmSpec.js';
import { checkDistinctHosts } from '../libvirt/libvirtUri.js';
import { hostname } from 'node:os';
import { DEFAULT_FLEET_RETENTION, type FleetConfig } from '../fleet/fleetConfig.js';
import { NODE_NAME } from '../fleet/fleetUrl.js';

export const DEMO_VM_NAME = 'demo';

/** Everything the bridge needs to start, defaults applied. */
export interface BridgeConfig {
  vms: VmSpec[];
  /** libvirt connection URIs (`--libvirt` and the config file's `libvirt`), each once. */
  libvirt: string[];
  /** Add the built-in simulated VM "demo". */
  demo: boolean;
  /** True when the demo was chosen because no VM was given (main prints how to watch a real one). */
  demoByDefault: boolean;
  host: string;
  port: number;
  dataDir: string;
  retention: RetentionPolicy;
  maxLineBytes: number;
  webDir: string;
  /** Required on every request when not null (cookie or Bearer); see http/accessPolicy.ts. */
  token: string | null;
  tokenSource: TokenSource;
  /** `--fleet`: share VMs through Redis; null for a bridge on its own. */
  fleet?: FleetConfig | null;
}

export const DEFAULTS = {
  host: '127.0.0.1',
  port: 8484,
  dataDir: './data',
  maxEvents: 5_000_000,
  maxAgeDays: 30,
  maxLineBytes: 1_048_576,
} as const;

/** apps/web/dist, found from this file (src/config or dist/config of apps/bridge). */
export function defaultWebDir(): string {
  return fileURLToPath(new URL('../../../web/dist', import.meta.url));
}

/** Merges flags over the config file over defaults. A flag VM replaces a file VM of the same name. */
export function resolveConfig(
  args: CliArgs,
  file: ConfigFile | null,
  cwd: string,
  env: Record<string, string | undefined> = {},
  warn: (line: string) => void = () => {},
): BridgeConfig {
  const flagNames = new Set(args.vms.map((v) => v.name));
  const vms = [...(file?.vms ?? []).filter((v) => !flagNames.has(v.name)), ...args.vms];
  if (vms.some((v) => v.name === DEMO_VM_NAME)) {
    throw new UsageError(`vm name "${DEMO_VM_NAME}" is reserved for the built-in demo VM: choose another name`);
  }
  const libvirt = [...new Set([...(file?.libvirt ?? []), ...args.libvirt])];
  checkDistinctHosts(libvirt, '--libvirt');
  const fleet = resolveFleet(args, file);
  // A fleet bridge without VMs of its own is a hub: it shows the others' VMs, not a demo.
  const demoByDefault = vms.length === 0 && libvirt.length === 0 && !args.demo && fleet === null;
  const host = args.host ?? file?.host ?? DEFAULTS.host;
  const tokenFile = args.tokenFile !== undefined ? readTokenFile(resolve(cwd, args.tokenFile), warn) : undefined;
  const access = resolveAccessToken(host, { flag: args.token, file: tokenFile, env: env[TOKEN_ENV] });
  return {
    vms,
    libvirt,
    demo: args.demo || demoByDefault,
    demoByDefault,
    host,
    port: args.port ?? file?.port ?? DEFAULTS.port,
    dataDir: resolve(cwd, args.dataDir ?? file?.dataDir ?? DEFAULTS.dataDir),
    retention: {
      maxEvents: args.retentionEvents ?? file?.retention?.maxEvents ?? DEFAULTS.maxEvents,
      maxAgeDays: args.retentionDays ?? file?.retention?.maxAgeDays ?? DEFAULTS.maxAgeDays,
    },
    maxLineBytes: args.maxLineBytes ?? DEFAULTS.maxLineBytes,
    webDir: args.webDir !== undefined ? resolve(cwd, args.webDir) : defaultWebDir(),
    token: access.token,
    tokenSource: access.source,
    fleet,
  };
}

function resolveFleet(args: CliArgs, file: ConfigFile | null): FleetConfig | null {
  const redis = args.fleet ?? file?.fleet?.redis;
  if (redis === undefined) {
    if (args.node !== undefined || args.fleetRetention !== undefined)
      throw new UsageError('--node and --fleet-retention need --fleet redis://HOST:PORT');
    return null;
  }
  return {
    redis,
    node: args.node ?? file?.fleet?.node ?? defaultNodeName(),
    retentionEvents: args.fleetRetention?.maxEntries ?? file?.fleet?.retentionEvents ?? DEFAULT_FLEET_RETENTION,
    retentionMaxAgeMs: args.fleetRetention?.maxAgeMs ?? file?.fleet?.retentionAge ?? null,
  };
}

/** The machine's host name up to its first dot, which must be a valid node name. */
function defaultNodeName(): string {
  const short = hostname().split('.')[0] ?? '';
  if (!NODE_NAME.test(short))
    throw new UsageError(`the host name ${JSON.stringify(hostname())} is not a valid node name: give one with --node NAME`);
  return short;
}
