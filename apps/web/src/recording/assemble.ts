import { parseStoredEvent, type StoredEvent } from '@qmpscope/events';
import type { ImportedEvent, LineResult } from './parseLine';

export interface SkippedLine {
  line: number;
  reason: string;
}

/** Keeps at most this many skipped lines with reasons; the count is always exact. */
export const MAX_SKIPS_LISTED = 500;

export interface Recording {
  name: string;
  events: StoredEvent[];
  /** Lines that held no usable event, by 1-based line number, first MAX_SKIPS_LISTED. */
  skipped: SkippedLine[];
  skippedCount: number;
  lines: number;
  /** True when the file's seqs were missing or repeated and line order was used instead. */
  seqsAssigned: boolean;
  vms: string[];
}

/** A VM name for events that carry none (plain QMP lines): the file's name without extension. */
export function defaultVmName(fileName: string): string {
  const base = fileName
    .replace(/^.*[\\/]/, '')
    .replace(/\.[^.]*$/, '')
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .slice(0, 64);
  return base === '' ? 'recording' : base;
}

/**
 * Collects parsed lines and turns them into stored events. Seqs from the file
 * are kept when every event has one and none repeats (our own export); otherwise
 * all events are numbered in file order, so a seq is always unique.
 */
export class RecordingAssembler {
  private readonly items: Array<{ e: ImportedEvent; line: number }> = [];
  private readonly skipped: SkippedLine[] = [];
  private skippedCount = 0;
  private lines = 0;

  constructor(private readonly name: string) {}

  add(result: LineResult, line: number): void {
    this.lines = Math.max(this.lines, line);
    if (result.kind === 'event') this.items.push({ e: result.event, line });
    else if (result.kind === 'skip') {
      this.skippedCount++;
      if (this.skipped.length < MAX_SKIPS_LISTED) this.skipped.push({ line, reason: result.reason });
    }
  }

  finish(): Recording {
    const seqs = new Set<number>();
    let ownSeqs = true;
    for (const { e } of this.items) {
      if (e.seq === undefined || seqs.has(e.seq)) {
        ownSeqs = false;
        break;
      }
      seqs.add(e.seq);
    }
    const vm = defaultVmName(this.name);
    const events: StoredEvent[] = [];
    const vms = new Set<string>();
    this.items.forEach(({ e, line }, i) => {
      const { seconds, microseconds } = e.timestamp;
      const qemuMs = seconds < 0 ? 0 : seconds * 1000 + microseconds / 1000;
      const candidate = {
        seq: ownSeqs ? e.seq : i + 1,
        vm: e.vm ?? vm,
        event: e.event,
        ...(e.data === undefined ? {} : { data: e.data }),
        timestamp: e.timestamp,
        // Files rarely say when a bridge got the event; QEMU's time is the closest we have.
        receivedAt: e.receivedAt ?? qemuMs,
      };
      const stored = parseStoredEvent(candidate);
      if (stored === null) {
        this.skippedCount++;
        if (this.skipped.length < MAX_SKIPS_LISTED) this.skipped.push({ line, reason: 'event fields out of range' });
        return;
      }
      vms.add(stored.vm);
      events.push(stored);
    });
    events.sort((a, b) => a.seq - b.seq);
    this.skipped.sort((a, b) => a.line - b.line);
    return {
      name: this.name,
      events,
      skipped: this.skipped,
      skippedCount: this.skippedCount,
      lines: this.lines,
      seqsAssigned: !ownSeqs && events.length > 0,
      vms: [...vms],
    };
  }
}
