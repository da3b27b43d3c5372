/**
 * The bridge is killed with SIGKILL in the middle of a flood, restarted on the same port and data
 * dir, several times, at the two rates where the bridge writes differently (IngestQueue):
 * - at a fleet's normal rate (below LOW_RATE_EVENTS_PER_S) every batch is written before it is
 *   relayed, so every event a client saw is in the database after the kill, and a client that
 *   reconnects catches up by seq with no gap and no duplicate;
 * - at a high rate rows are written up to STORE_INTERVAL_MS after they are relayed, so a kill can
 *   lose the last of them from history. What must hold: no seq is ever handed out twice (a client
 *   never gets two events under one seq), the bridge says at restart exactly which seqs are
 *   missing, those are the only holes in the history and in the client's stream, and they are few.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startQmpSimulator, type QmpSimulator } from '@qmpscope/qmp-sim';
import { BridgeProcess } from './harness/bridgeProcess.js';
import { SeqCollector, identity } from './harness/seqCollector.js';
import { waitFor } from './harness/waitFor.js';

const KILLS = 3;
const LOST_RE = /events (\d+)\.\.(\d+) were relayed live but not written/;

describe('bridge killed (SIGKILL) during a flood', () => {
  let sim: QmpSimulator | undefined;
  let bridge: BridgeProcess | undefined;
  let client: SeqCollector | undefined;

  afterEach(async () => {
    client?.close();
    await bridge?.dispose();
    await sim?.close();
  });

  async function start(eventsPerSecond: number): Promise<{ sim: QmpSimulator; bridge: BridgeProcess; client: SeqCollector }> {
    // `remember`: a seq handed out twice would show as a stored event that differs from the client's.
    sim = await startQmpSimulator({ listen: 'tcp:127.0.0.1:0', name: 'burst', scenario: { flood: { eventsPerSecond } } });
    bridge = new BridgeProcess(['--vm', `burst=${sim.target}`]);
    await bridge.start();
    client = new SeqCollector(bridge.url, { remember: true });
    return { sim, bridge, client };
  }

  async function storedSeqs(b: BridgeProcess): Promise<number[]> {
    return (await b.allEvents()).map((e) => e.seq);
  }

  it(`at 1,000 events/s keeps every relayed event across ${KILLS} kills; the client resumes without gap or duplicate`, async () => {
    const { bridge, client } = await start(1000);
    const port = bridge.port;
    for (let i = 0; i < KILLS; i++) {
      const target = client.lastSeq + 1500;
      await waitFor(`client to receive up to seq ${target}`, () => (client.lastSeq >= target ? true : undefined), 30_000);
      await bridge.stop('SIGKILL');
      // Below the high rate a batch is written before it is relayed: what the client holds is on disk.
      const acknowledged = client.lastSeq;
      await bridge.start(port);
      expect(bridge.output).not.toMatch(LOST_RE);
      const seqs = await storedSeqs(bridge);
      expect(seqs.length).toBeGreaterThanOrEqual(acknowledged);
      expect(seqs.slice(0, acknowledged)).toEqual(Array.from({ length: acknowledged }, (_, k) => k + 1));
      await waitFor('the client to reconnect and move on', () => (client.lastSeq > acknowledged + 300 ? true : undefined), 30_000);
    }
    expect(client.violations).toEqual([]);
    expect(client.connects).toBe(KILLS + 1);
    // Finally the whole log is contiguous: nothing assigned twice, nothing skipped across restarts.
    const seqs = await storedSeqs(bridge);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, k) => k + 1));
    expect(client.received).toBe(client.lastSeq);
  });

  it(`at 20,000 events/s never reuses a seq across ${KILLS} kills and names every seq missing from history`, async () => {
    const { bridge, client } = await start(20_000);
    const port = bridge.port;
    const lost: { from: number; to: number }[] = [];
    for (let i = 0; i < KILLS; i++) {
      const target = client.lastSeq + 20_000;
      await waitFor(`client to receive up to seq ${target}`, () => (client.lastSeq >= target ? true : undefined), 60_000);
      await bridge.stop('SIGKILL');
      const heldByClient = client.lastSeq;
      await bridge.start(port);
      const said = LOST_RE.exec(bridge.output);
      if (said) {
        const range = { from: Number(said[1]), to: Number(said[2]) };
        // A write is due every 50 ms or 5,000 rows: at 20,000/s a kill loses at most about that.
        expect(range.to - range.from + 1).toBeLessThanOrEqual(5000 + 2000);
        // Every seq a client may hold is at or below the last one noted as relayed.
        expect(range.to).toBeGreaterThanOrEqual(heldByClient);
        lost.push(range);
      }
      await waitFor('the client to reconnect and move on', () => (client.lastSeq > heldByClient + 2000 ? true : undefined), 60_000);
    }
    expect(client.connects).toBe(KILLS + 1);
    // A clean stop writes everything relayed: nothing more may go missing.
    await bridge.stop('SIGTERM');
    await bridge.start(port);
    expect(bridge.output).not.toMatch(LOST_RE);
    const events = await bridge.allEvents();
    const stored = events.map((e) => e.seq);
    const differing = events.filter((e) => client.seen.has(e.seq) && client.seen.get(e.seq) !== identity(e)).map((e) => e.seq);
    expect(differing, 'seqs whose stored event differs from what the client got under that seq').toEqual([]);
    expect(events.filter((e) => client.seen.has(e.seq)).length).toBeGreaterThan(3 * 20_000);
    const isLost = (seq: number): boolean => lost.some((r) => seq >= r.from && seq <= r.to);
    // History = 1..max minus exactly the ranges the bridge named.
    const max = stored.at(-1)!;
    const expected: number[] = [];
    for (let seq = 1; seq <= max; seq++) if (!isLost(seq)) expected.push(seq);
    expect(stored).toEqual(expected);
    // The client never got a duplicate; its only gaps are seqs the bridge named as lost.
    expect(client.violations.filter((v) => v.startsWith('duplicate'))).toEqual([]);
    for (const v of client.violations) {
      const gap = /gap: got (\d+) after (\d+)/.exec(v);
      expect(gap, v).not.toBeNull();
      for (let seq = Number(gap![2]) + 1; seq < Number(gap![1]); seq++) expect(isLost(seq), `seq ${seq} skipped by the client`).toBe(true);
    }
  });
});
