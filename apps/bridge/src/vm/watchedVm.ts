import type { VmInfo } from '@qmpscope/events';

/** What a source knows of its VM apart from the event counters (those live in storage). */
export type WatchedVmState = Omit<VmInfo, 'eventCount' | 'lastEvent'>;

/** One VM of the registry, whatever watches it: its own QMP session, or a libvirt connection. */
export interface WatchedVm {
  readonly name: string;
  snapshot(): WatchedVmState;
  start(): void;
  stop(): Promise<void>;
  /** Stops reading this VM's events until `until` settles (the ingest queue is full). */
  hold(until: Promise<void>): void;
}
