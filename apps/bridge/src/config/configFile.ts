import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../cli/usageError.js';
import { checkTarget, checkUniqueNames, checkVmName, type VmSpec } from './vmSpec.js';
import { checkLibvirtUri } from '../libvirt/libvirtUri.js';
import { checkFleetUrl, checkNodeName } from '../fleet/fleetUrl.js';
import { parseFleetRetention } from '../fleet/fleetRetention.js';
import { whyUnreadable } from './unreadableFile.js';

/** `--config FILE`: every field optional; flags override it. */
export interface ConfigFile {
  vms?: VmSpec[];
  /** libvirt connection URIs: every domain on each is watched. */
  libvirt?: string[];
  host?: string;
  port?: number;
  /** Resolved against the config file's directory. */
  dataDir?: string;
  retention?: { maxEvents?: number; maxAgeDays?: number };
  /** `{"redis": URL, "node": NAME, "retentionEvents": N}`: the URL may hold a password. */
  fleet?: { redis: string; node?: string; retentionEvents?: number; retentionAge?: number };
}

const KEYS = ['vms', 'libvirt', 'host', 'port', 'dataDir', 'retention', 'fleet'];

export function readConfigFile(path: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read config file ${path}: ${whyUnreadable(err)}`);
  }
  return parseConfigText(text, path);
}

/** Validates the JSON text of a config file; `path` is for messages and resolving dataDir. */
export function parseConfigText(text: string, path: string): ConfigFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`config file ${path} is not valid JSON: ${describeJsonError(text, err as Error)}`);
  }
  const where = `config file ${path}`;
  if (!isObject(raw)) throw new UsageError(`${where}: expected a JSON object like {"vms": [{"name": "a", "target": "unix:/run/a.qmp"}]}`);
  const unknown = Object.keys(raw).find((k) => !KEYS.includes(k));
  if (unknown !== undefined) throw new UsageError(`${where}: unknown key ${JSON.stringify(unknown)} (known: ${KEYS.join(', ')})`);
  const config: ConfigFile = {};
  if (raw.vms !== undefined) config.vms = parseVms(raw.vms, where);
  if (raw.libvirt !== undefined) config.libvirt = parseLibvirt(raw.libvirt, where);
  if (raw.host !== undefined) config.host = str(raw.host, `${where}: host`);
  if (raw.port !== undefined) config.port = int(raw.port, `${where}: port`, 0, 65535);
  if (raw.dataDir !== undefined) config.dataDir = resolve(dirname(path), str(raw.dataDir, `${where}: dataDir`));
  if (raw.retention !== undefined) {
    if (!isObject(raw.retention)) throw new UsageError(`${where}: retention must be an object {"maxEvents": N, "maxAgeDays": N}`);
    const r = raw.retention;
    const bad = Object.keys(r).find((k) => k !== 'maxEvents' && k !== 'maxAgeDays');
    if (bad !== undefined) throw new UsageError(`${where}: unknown key retention.${bad} (known: maxEvents, maxAgeDays)`);
    config.retention = {};
    if (r.maxEvents !== undefined)
      config.retention.maxEvents = int(r.maxEvents, `${where}: retention.maxEvents`, 1, Number.MAX_SAFE_INTEGER);
    if (r.maxAgeDays !== undefined) config.retention.maxAgeDays = int(r.maxAgeDays, `${where}: retention.maxAgeDays`, 1, 36_500);
  }
  if (raw.fleet !== undefined) config.fleet = parseFleet(raw.fleet, where);
  return config;
}

function parseFleet(raw: unknown, where: string): NonNullable<ConfigFile['fleet']> {
  const shape = 'fleet must be an object {"redis": "redis://HOST:PORT", "node": NAME, "retentionEvents": N, "retentionAge": "24h"}';
  if (!isObject(raw)) throw new UsageError(`${where}: ${shape}`);
  const bad = Object.keys(raw).find((k) => !['redis', 'node', 'retentionEvents', 'retentionAge'].includes(k));
  if (bad !== undefined) throw new UsageError(`${where}: unknown key fleet.${bad} (known: redis, node, retentionEvents, retentionAge)`);
  if (typeof raw.redis !== 'string') throw new UsageError(`${where}: ${shape}`);
  const fleet: NonNullable<ConfigFile['fleet']> = { redis: checkFleetUrl(raw.redis, `${where}: fleet.redis`) };
  if (raw.node !== undefined) fleet.node = checkNodeName(str(raw.node, `${where}: fleet.node`), `${where}: fleet.node`);
  if (raw.retentionEvents !== undefined)
    fleet.retentionEvents = int(raw.retentionEvents, `${where}: fleet.retentionEvents`, 1000, Number.MAX_SAFE_INTEGER);
  if (raw.retentionAge !== undefined) {
    const age = parseFleetRetention(str(raw.retentionAge, `${where}: fleet.retentionAge`), `${where}: fleet.retentionAge`).maxAgeMs;
    if (age === undefined || age === null) throw new UsageError(`${where}: fleet.retentionAge must be an age like "90m", "24h" or "7d"`);
    fleet.retentionAge = age;
  }
  return fleet;
}

function parseVms(raw: unknown, where: string): VmSpec[] {
  if (!Array.isArray(raw)) throw new UsageError(`${where}: vms must be an array of {"name": ..., "target": ...}`);
  const vms = raw.map((item: unknown, i): VmSpec => {
    const at = `${where}: vms[${i}]`;
    if (!isObject(item) || typeof item.name !== 'string' || typeof item.target !== 'string') {
      throw new UsageError(`${at}: expected {"name": "a", "target": "unix:/run/a.qmp"}`);
    }
    checkVmName(item.name, at);
    return { name: item.name, target: checkTarget(item.target, at) };
  });
  checkUniqueNames(vms, where);
  return vms;
}

function parseLibvirt(raw: unknown, where: string): string[] {
  if (!Array.isArray(raw) || !raw.every((u): u is string => typeof u === 'string')) {
    throw new UsageError(`${where}: libvirt must be an array of URIs like ["qemu:///system"]`);
  }
  return raw.map((uri, i) => checkLibvirtUri(uri, `${where}: libvirt[${i}]`));
}

/**
 * Node 20's JSON.parse messages quote the whole text (newlines included) and often give no
 * position; the user needs one line and a place to look.
 */
function describeJsonError(text: string, err: Error): string {
  const pos = jsonErrorPosition(text, err);
  if (pos === null) return err.message.split('\n')[0]!;
  if (pos >= text.length) return 'the text ends too early (an unclosed bracket, brace or string?)';
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  return `unexpected ${JSON.stringify(text[pos])} at line ${line}, column ${column}`;
}

function jsonErrorPosition(text: string, err: Error): number | null {
  const match = /position (\d+)/.exec(err.message);
  if (match) return Number(match[1]);
  if (text.length > 65_536) return null;
  // The shortest prefix that fails for another reason than "ends too early" ends at the bad character.
  for (let k = 1; k <= text.length; k++) {
    try {
      JSON.parse(text.slice(0, k));
    } catch (e) {
      const message = (e as Error).message;
      if (/end of JSON input|Unterminated string/i.test(message)) continue;
      const at = /position (\d+)/.exec(message);
      if (!at) return k - 1;
      if (Number(at[1]) < k) return Number(at[1]);
    }
  }
  return text.length;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown, where: string): string {
  if (typeof v !== 'string' || v.trim() === '') throw new UsageError(`${where} must be a non-empty string`);
  return v;
}

function int(v: unknown, where: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) {
    throw new UsageError(`${where} must be an integer from ${min} to ${max}, got ${JSON.stringify(v)}`);
  }
  return v;
}
