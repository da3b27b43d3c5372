/**
 * The bridge is killed with SIGKILL in the middle of a burst, three times. Every event it relayed
 * to a client (the relay only sends committed batches: "acknowledged") is still in the database
 * after the restart, and a socket.io client that reconnects catches up by seq with no gap and no
 * duplicate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startQmpSimulator, type QmpSimulator } from '@qmpscope/qmp-sim';
import { BridgeProcess } from './harness/bridgeProcess.js';
import { SeqCollector } from './harness/seqCollector.js';
import { waitFor } from './harness/waitFor.js';

const KILLS = 3;

describe('bridge killed (SIGKILL) during a burst', () => {
  let sim: QmpSimulator;
  let bridge: BridgeProcess;
  let client: SeqCollector;

  beforeAll(async () => {
    sim = await startQmpSimulator({ listen: 'tcp:127.0.0.1:0', name: 'burst', scenario: { flood: { eventsPerSecond: 3000 } } });
    bridge = new BridgeProcess(['--vm', `burst=${sim.target}`]);
    await bridge.start();
    client = new SeqCollector(bridge.url);
  });

  afterAll(async () => {
    client?.close();
    await bridge?.dispose();
    await sim?.close();
  });

  /** Seqs 1..N all stored, once each, ascending. */
  async function storedSeqs(): Promise<number[]> {
    return (await bridge.allEvents()).map((e) => e.seq);
  }


  it(`keeps every relayed event across ${KILLS} kills and the client resumes without gap or duplicate`, async () => {
    const port = bridge.port;
    for (let i = 0; i < KILLS; i++) {
      const target = client.lastSeq + 2000;
      await waitFor(`client to receive up to seq ${target}`, () => (client.lastSeq >= target ? true : undefined), 30_000);
      await bridge.stop('SIGKILL');
      // What the client holds was relayed, so it was committed before the kill.
      const acknowledged = client.lastSeq;
      await bridge.start(port);
      const seqs = await storedSeqs();
      expect(seqs.length).toBeGreaterThanOrEqual(acknowledged);
      expect(seqs.slice(0, acknowledged)).toEqual(Array.from({ length: acknowledged }, (_, k) => k + 1));
      await waitFor('the client to reconnect and move on', () => (client.lastSeq > acknowledged + 500 ? true : undefined), 30_000);
    }
    expect(client.violations).toEqual([]);
    expect(client.connects).toBe(KILLS + 1);
    // Finally the whole log is contiguous: nothing assigned twice, nothing skipped across restarts.
    const seqs = await storedSeqs();
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, k) => k + 1));
    expect(client.received).toBe(client.lastSeq);
  });
});
