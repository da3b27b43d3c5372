import type { StoredEvent } from '@qmpscope/events';
import type { Recording } from '../recording/assemble';
import { VmLatest, type VmLatestEvents } from '../derive/vmLatest';
import { EventLog, type AppendResult } from './eventLog';

/**
 * Where the events the page shows stand: the bridge's history still arriving (heavy views take
 * it in but draw nothing yet, a selected seq may still come), live after it, or an imported file.
 */
export type FeedPhase = 'history' | 'live' | 'recording';

/** The log shown and its phase. */
export interface Shown {
  log: EventLog;
  phase: FeedPhase;
}

/**
 * Every event the page holds: the bridge's, which keep arriving while a recording is open (so
 * nothing is missed when it closes), and the open recording's, whose log is built once.
 */
export class HeldEvents {
  private readonly live = new EventLog();
  private readonly vmLatest = new VmLatest();
  private historyEnded = false;
  private recording: { of: Recording; log: EventLog } | null = null;

  /** Stores a batch of the bridge's events, deduped by seq. */
  appendLive(batch: readonly StoredEvent[]): AppendResult {
    const result = this.live.append(batch);
    if (result.added > 0) this.vmLatest.note(batch);
    return result;
  }

  /** Highest seq of the bridge's events held, 0 when none: where a (re)subscription starts. */
  get lastLiveSeq(): number {
    return this.live.lastSeq;
  }

  /** The bridge's history has arrived; true the first time only. */
  endHistory(): boolean {
    if (this.historyEnded) return false;
    this.historyEnded = true;
    return true;
  }

  /** What is shown while `recording` is open (null: the bridge's events). */
  shown(recording: Recording | null): Shown {
    if (recording === null) return { log: this.live, phase: this.historyEnded ? 'live' : 'history' };
    if (this.recording?.of !== recording) {
      const log = new EventLog();
      log.append(recording.events);
      this.recording = { of: recording, log };
    }
    return { log: this.recording.log, phase: 'recording' };
  }

  isLive(log: EventLog): boolean {
    return log === this.live;
  }

  /** Per VM of the bridge (a recording's VMs are not the fleet's), its newest event and newest problem. */
  vmEvents(): VmLatestEvents {
    return this.vmLatest.snapshot();
  }
}
