import type { WatchedVm, WatchedVmState } from './watchedVm.js';

export const REMOVED_STATUS = 'removed';

/**
 * A VM taken out of the config file by a reload: no longer watched, but still listed (like an
 * undefined libvirt domain) so open dashboards see it stop and its history stays reachable.
 */
export class RemovedVm implements WatchedVm {
  private readonly state: WatchedVmState;

  constructor(last: WatchedVmState, removedAt: number) {
    this.state = {
      ...last,
      connection: 'disconnected',
      connectionSince: removedAt,
      status: REMOVED_STATUS,
      lastError: 'removed from the config file: no longer watched (its stored events stay)',
    };
  }

  get name(): string {
    return this.state.name;
  }

  snapshot(): WatchedVmState {
    return { ...this.state };
  }

  start(): void {}

  stop(): Promise<void> {
    return Promise.resolve();
  }

  hold(): void {}
}
