import type { WatchedVm, WatchedVmState } from '../vm/watchedVm.js';

/** What a libvirt connection knows of one of its domains. */
export interface DomainState {
  /** libvirt's state as `virsh domstate` says it ("running", "shut off", ...), "undefined" once undefined; null until asked. */
  status: string | null;
  qemuVersion: string | null;
}

/** The part of a LibvirtSource that its domains' VM entries read. */
export interface DomainHost {
  readonly uri: string;
  connectionState(): Pick<WatchedVmState, 'connection' | 'connectionSince' | 'lastError'>;
  hold(until: Promise<void>): void;
}

/**
 * One libvirt domain as a VM of the registry. Its connection is the libvirt connection's; the
 * connection starts and stops reading, so start() and stop() have nothing to do here.
 */
export class LibvirtDomainVm implements WatchedVm {
  constructor(
    readonly name: string,
    readonly domain: string,
    private readonly host: DomainHost,
    readonly state: DomainState,
  ) {}

  snapshot(): WatchedVmState {
    return {
      name: this.name,
      target: this.host.uri,
      source: { kind: 'libvirt', uri: this.host.uri, domain: this.domain },
      ...this.host.connectionState(),
      status: this.state.status,
      qemuVersion: this.state.qemuVersion,
      // libvirt starts QEMU with -name guest=DOMAIN: the same answer query-name would give.
      guestName: this.domain,
    };
  }

  start(): void {}

  stop(): Promise<void> {
    return Promise.resolve();
  }

  hold(until: Promise<void>): void {
    this.host.hold(until);
  }
}
