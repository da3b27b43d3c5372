import type { WatchedVmState } from './watchedVm.js';

export interface ConnectStats {
  /** Times the VM became connected since the bridge started (the first connect included). */
  connects: number;
  /** Epoch ms of the last time it became connected; null if it never was. */
  lastConnectedAt: number | null;
}

/**
 * Counts each VM's connects from the state changes its source reports, so a connect and a drop
 * between two reads of the state (a Prometheus scrape) still count.
 */
export class ConnectionLog {
  private readonly byVm = new Map<string, ConnectStats & { connected: boolean }>();

  observe(name: string, state: Pick<WatchedVmState, 'connection' | 'connectionSince'>): void {
    let entry = this.byVm.get(name);
    if (!entry) {
      entry = { connected: false, connects: 0, lastConnectedAt: null };
      this.byVm.set(name, entry);
    }
    const connected = state.connection === 'connected';
    if (connected && !entry.connected) {
      entry.connects += 1;
      entry.lastConnectedAt = state.connectionSince;
    }
    entry.connected = connected;
  }

  get(name: string): ConnectStats {
    const entry = this.byVm.get(name);
    return entry ? { connects: entry.connects, lastConnectedAt: entry.lastConnectedAt } : { connects: 0, lastConnectedAt: null };
  }
}
