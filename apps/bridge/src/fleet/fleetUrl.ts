import { UsageError } from '../cli/usageError.js';

/** A node name: it becomes the first part of every VM name of that node (`NODE/VM`) and of Redis keys. */
export const NODE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/** Checks a `--fleet` URL (`redis://` or `rediss://`); the message never repeats the password. */
export function checkFleetUrl(value: string, where: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${where}: not a URL; expected redis://HOST:PORT, rediss://HOST:PORT or redis://:PASSWORD@HOST:PORT`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new UsageError(`${where} ${redactFleetUrl(value)}: expected a redis:// or rediss:// URL`);
  }
  if (url.hostname === '') throw new UsageError(`${where} ${redactFleetUrl(value)}: the URL names no host`);
  return value;
}

/** The URL as it may be shown and logged: a password becomes `***`. */
export function redactFleetUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    // Unparsable: the part before the last @ may hold a password, so none of it is shown.
    const at = value.lastIndexOf('@');
    return at >= 0 ? `***${value.slice(at)}` : value;
  }
}

/** Checks a `--node` name. */
export function checkNodeName(value: string, where: string): string {
  if (!NODE_NAME.test(value)) {
    throw new UsageError(
      `${where} ${JSON.stringify(value)}: a node name is 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit`,
    );
  }
  return value;
}
