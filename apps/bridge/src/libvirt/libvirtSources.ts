import type { QmpEvent } from '@qmpscope/qmp';
import type { LibvirtConnectionInfo } from '@qmpscope/events';
import type { Log } from '../log/log.js';
import type { WatchedVm } from '../vm/watchedVm.js';
import { domainNamer } from './domainName.js';
import { LibvirtSource } from './libvirtSource.js';

export interface LibvirtSourcesOptions {
  uris: readonly string[];
  /** Names already taken by `--vm` VMs (and the demo): a domain of the same name becomes HOST/DOMAIN. */
  takenNames: readonly string[];
  maxLineBytes: number;
  virsh?: string;
  addVm: (vm: WatchedVm) => void;
  onEvents: (vm: string, events: QmpEvent[]) => Promise<void> | null | void;
  onVmChanged: (vm: string) => void;
  /** A connection's state, message or domain count changed. */
  onConnectionsChanged?: () => void;
  log: Log;
}

/** Room for virsh's `event NAME at S.US for domain 'D': ` in front of QEMU's data. */
const LINE_OVERHEAD_BYTES = 4096;

/**
 * Every `--libvirt URI` of the bridge. A domain's VM is named by its domain name (escaped, see
 * domainName.ts); with more than one connection, or when a `--vm` has that name, `HOST/DOMAIN`.
 */
export class LibvirtSources {
  private readonly sources: LibvirtSource[];
  private readonly taken: Set<string>;

  constructor(opts: LibvirtSourcesOptions) {
    const taken = new Set(opts.takenNames);
    this.taken = taken;
    this.sources = opts.uris.map(
      (uri) =>
        new LibvirtSource({
          uri,
          virsh: opts.virsh,
          maxLineBytes: opts.maxLineBytes + LINE_OVERHEAD_BYTES,
          vmName: domainNamer(uri, opts.uris.length, taken),
          onDomain: opts.addVm,
          onEvents: opts.onEvents,
          onChange: opts.onVmChanged,
          onConnectionChange: opts.onConnectionsChanged,
          log: opts.log,
        }),
    );
  }

  /** A `--vm` added by a reload: a domain first seen from now on with that name becomes HOST/DOMAIN. */
  reserveName(name: string): void {
    this.taken.add(name);
  }

  get active(): boolean {
    return this.sources.length > 0;
  }

  info(): LibvirtConnectionInfo[] {
    return this.sources.map((s) => s.info());
  }

  start(): void {
    for (const s of this.sources) s.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.sources.map((s) => s.stop()));
  }
}
