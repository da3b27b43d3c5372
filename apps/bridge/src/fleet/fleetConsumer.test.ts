import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '@qmpscope/events';
import { FleetConsumer } from './fleetConsumer.js';
import { encodeEntryEvent } from './fleetEntry.js';
import type { FleetLink } from './fleetLink.js';

const ev = (seq: number): StoredEvent => ({ seq, vm: 'vm1', event: 'STOP', timestamp: { seconds: seq, microseconds: 0 }, receivedAt: seq });
const entry = (fleetSeq: number, node: string, local: number) => [
  `${fleetSeq}-1`,
  ['n', node, 'l', String(local), 'e', encodeEntryEvent(ev(local))],
];

/** A consumer over a fake link whose XREAD answers `replies` in turn, then nothing. */
function consume(replies: unknown[], localLastSeq: number): Promise<{ seqs: number[]; own: (number | null)[] }> {
  const seqs: number[] = [];
  const own: (number | null)[] = [];
  const queue = [...replies];
  let consumer: FleetConsumer;
  return new Promise((resolve) => {
    const link = {
      whenReady: () => Promise.resolve(),
      commands: { call: (cmd: string) => Promise.resolve(cmd === 'GET' ? '0' : []) },
      reader: {
        call: () => {
          if (queue.length > 0) return Promise.resolve(queue.shift());
          void consumer.stop().then(() => resolve({ seqs, own }));
          return Promise.resolve(null);
        },
      },
      noteFailure: (err: unknown) => {
        throw err;
      },
    } as unknown as FleetLink;
    consumer = new FleetConsumer({
      link,
      node: 'hv1',
      localLastSeq: () => localLastSeq,
      lastSeq: () => seqs.at(-1) ?? 0,
      onBatch: (batch, ownLocalSeq) => {
        seqs.push(...batch.map((e) => e.seq));
        own.push(ownLocalSeq);
      },
      onTrimmed: () => undefined,
      onBadEntry: () => undefined,
      warn: () => undefined,
    });
    consumer.start();
  });
}

describe('FleetConsumer', () => {
  it("reports the highest local seq among this node's own entries of each batch, others' not at all", async () => {
    const log = [['log', [entry(1, 'hv1', 5), entry(2, 'hv2', 90), entry(3, 'hv1', 6)]]];
    const next = [['log', [entry(4, 'hv2', 91)]]];
    expect(await consume([log, next], 10)).toEqual({ seqs: [1, 2, 3, 4], own: [6, null] });
  });

  it('ignores an own entry claiming a local seq this data dir never gave (a wiped data dir, or forged)', async () => {
    const log = [['log', [entry(1, 'hv1', 5), entry(2, 'hv1', 9_000_000_000)]]];
    expect(await consume([log], 10)).toEqual({ seqs: [1, 2], own: [5] });
  });
});
