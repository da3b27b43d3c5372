import type { StoredEvent } from '@qmpscope/events';

/**
 * A batch of events whose JSON is produced once, however many clients it is sent to.
 * socket.io encodes every `socket.emit` on its own (JSON.stringify per client); a catch-up page
 * read once for ten clients behind at the same place would be stringified ten times
 * (docs/PERFORMANCE.md). BatchEncoder (batchEncoder.ts) sends `json` as is.
 * `toJSON` gives the events themselves, so any other encoder puts the same text on the wire.
 */
export class EncodedBatch {
  private text: string | null = null;

  constructor(readonly events: readonly StoredEvent[]) {}

  get json(): string {
    this.text ??= JSON.stringify(this.events);
    return this.text;
  }

  toJSON(): readonly StoredEvent[] {
    return this.events;
  }
}

const batches = new WeakMap<readonly StoredEvent[], EncodedBatch>();

/**
 * The EncodedBatch of an array of events, the same one for the same array (a shared catch-up
 * page): its text lives as long as the page does.
 */
export function encodedOnce(events: readonly StoredEvent[]): EncodedBatch {
  let batch = batches.get(events);
  if (batch === undefined) {
    batch = new EncodedBatch(events);
    batches.set(events, batch);
  }
  return batch;
}

/**
 * `events` as the argument of an `events` emit, encoded once per array. The contract types the
 * argument as the events, which is what every client receives (toJSON); the cast is only the
 * typing's, the wire text is the same.
 */
export function asSentOnce(events: readonly StoredEvent[]): StoredEvent[] {
  return encodedOnce(events) as unknown as StoredEvent[];
}
