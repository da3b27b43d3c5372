import { createHash } from 'node:crypto';
import { libvirtHostLabel } from './libvirtUri.js';

/**
 * Characters of a libvirt domain name that are escaped as %XX (UTF-8) in the VM name: `,` separates
 * names in `?vm=a,b`, `/` separates HOST/DOMAIN, `%` is the escape itself, and control and bidi characters
 * would garble or disguise names in logs and the page. Everything else (spaces, non-ASCII letters) is kept as libvirt has it.
 */
// eslint-disable-next-line no-control-regex -- control characters are what this escapes.
const ESCAPED = /[,/%\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;
/** VM names longer than this are cut and given a hash of the full name, so they stay unique. */
export const MAX_VM_NAME_LENGTH = 128;

/** The VM name of a libvirt domain: its name, escaped, `HOST/` in front when `host` is given. */
export function vmNameForDomain(domain: string, host: string | null): string {
  const name = host === null ? escapeName(domain) : `${escapeName(host)}/${escapeName(domain)}`;
  if (name.length <= MAX_VM_NAME_LENGTH) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${[...name].slice(0, MAX_VM_NAME_LENGTH - 10).join('')}~${hash}`;
}

function escapeName(name: string): string {
  // Leading and trailing spaces are escaped too: the API and the page trim list items.
  const escaped = name.replace(ESCAPED, percentEncode);
  return escaped.replace(/^\s+|\s+$/gu, (spaces) => [...spaces].map(percentEncode).join(''));
}

function percentEncode(ch: string): string {
  return [...Buffer.from(ch, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

/**
 * How the domains of connection `uri` are named: by their domain name, or `HOST/DOMAIN` when the
 * bridge watches more than one libvirt connection or a `--vm` (or the demo) already has that name.
 */
export function domainNamer(uri: string, connections: number, takenNames: ReadonlySet<string>): (domain: string) => string {
  const host = libvirtHostLabel(uri);
  return (domain) => {
    const plain = vmNameForDomain(domain, null);
    return connections > 1 || takenNames.has(plain) ? vmNameForDomain(domain, host) : plain;
  };
}
