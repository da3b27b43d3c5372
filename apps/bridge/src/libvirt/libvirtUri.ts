import { UsageError } from '../cli/usageError.js';

/** A libvirt connection URI as virsh takes it: `driver[+transport]://[user@][host][:port]/path[?query]`. */
const URI = /^[a-z][a-z0-9]*(\+[a-z0-9]+)?:\/\/[^\s]*$/;
const MAX_URI_LENGTH = 1024;

/** Throws a UsageError unless `uri` looks like a libvirt URI; `where` names the flag or config key. */
export function checkLibvirtUri(uri: string, where: string): string {
  // eslint-disable-next-line no-control-regex -- a URI with control characters is refused.
  if (uri.length > MAX_URI_LENGTH || !URI.test(uri) || /[\u0000-\u001f\u007f]/.test(uri)) {
    throw new UsageError(
      `${where} ${JSON.stringify(uri.slice(0, 200))}: expected a libvirt URI such as qemu:///system or qemu+ssh://root@hv2/system`,
    );
  }
  return uri;
}

/** The URI's host as VM names show it (`HOST/DOMAIN`): `local` when the URI names none. */
export function libvirtHostLabel(uri: string): string {
  const afterScheme = uri.slice(uri.indexOf('://') + 3);
  const authority = afterScheme.split(/[/?]/, 1)[0] ?? '';
  const host = authority.slice(authority.lastIndexOf('@') + 1).replace(/:\d+$/, '');
  return host === '' ? 'local' : host;
}

/** Throws when two URIs would give their domains the same `HOST/` prefix. */
export function checkDistinctHosts(uris: readonly string[], where: string): void {
  const byHost = new Map<string, string>();
  for (const uri of uris) {
    const host = libvirtHostLabel(uri);
    const other = byHost.get(host);
    if (other !== undefined && other !== uri) {
      throw new UsageError(
        `${where}: ${other} and ${uri} are both on host ${host}, so their VMs would be named alike (${host}/DOMAIN): watch one of them per bridge`,
      );
    }
    byHost.set(host, uri);
  }
}
