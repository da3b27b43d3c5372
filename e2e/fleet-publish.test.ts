/**
 * The fleet's publish function (apps/bridge/src/fleet/publishFunction.ts) in a real redis-server:
 * it numbers the log, and a (node, data dir, local seq) already published is never appended again,
 * whatever the bridge resends (a retry after a lost reply, a restart that forgot what it sent).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { PUBLISH_LIBRARY } from '../apps/bridge/src/fleet/publishFunction.js';
import { FLEET_KEYS, PUBLISH_FUNCTION } from '../apps/bridge/src/fleet/fleetKeys.js';
import { FleetLink } from '../apps/bridge/src/fleet/fleetLink.js';
import { FleetTrimmer } from '../apps/bridge/src/fleet/fleetRetention.js';
import { RedisServer } from './harness/redisServer.js';

describe('the fleet publish function', () => {
  const redis = new RedisServer();
  let client: Redis;

  beforeAll(async () => {
    await redis.start();
    client = redis.client();
    await client.call('FUNCTION', 'LOAD', 'REPLACE', PUBLISH_LIBRARY);
  });

  afterAll(async () => {
    client?.disconnect();
    await redis.dispose();
  });

  const publish = (publisher: string, node: string, localSeqs: number[]): Promise<unknown> =>
    client.call(
      'FCALL',
      PUBLISH_FUNCTION,
      3,
      FLEET_KEYS.log,
      FLEET_KEYS.seq,
      FLEET_KEYS.published,
      publisher,
      node,
      1000,
      ...localSeqs.flatMap((l) => [l, `{"vm":"v","l":${l}}`]),
    );

  const log = async (): Promise<[string, string, string][]> =>
    ((await client.xrange(FLEET_KEYS.log, '-', '+')) as [string, string[]][]).map(([id, f]) => [id, f[1]!, f[3]!]);

  it('appends each (publisher, local seq) once, numbering the entries SEQ-1', async () => {
    expect(await publish('hv1:7', 'hv1', [1, 2, 3])).toEqual([3, 3]);
    // A resend overlapping what was published: only 4 and 5 are new.
    expect(await publish('hv1:7', 'hv1', [2, 3, 4, 5])).toEqual([5, 5]);
    expect(await publish('hv1:7', 'hv1', [])).toEqual([5, 5]);
    // Another data dir of the same node (seqs start again at 1) and another node are their own.
    expect(await publish('hv1:8', 'hv1', [1])).toEqual([1, 6]);
    expect(await publish('hv2:1', 'hv2', [1, 2])).toEqual([2, 8]);
    expect(await log()).toEqual([
      ['1-1', 'hv1', '1'],
      ['2-1', 'hv1', '2'],
      ['3-1', 'hv1', '3'],
      ['4-1', 'hv1', '4'],
      ['5-1', 'hv1', '5'],
      ['6-1', 'hv1', '1'],
      ['7-1', 'hv2', '1'],
      ['8-1', 'hv2', '2'],
    ]);
  });

  it('continues past an entry someone else added with XADD *', async () => {
    const foreign = await client.xadd(FLEET_KEYS.log, '*', 'x', 'y');
    const ms = Number(foreign!.split('-')[0]);
    const [, seq] = (await publish('hv2:1', 'hv2', [3])) as [number, number];
    expect(seq).toBe(ms + 1);
    expect((await log()).at(-1)).toEqual([`${ms + 1}-1`, 'hv2', '3']);
  });
});

describe('the fleet log age bound (--fleet-retention AGE)', () => {
  const redis = new RedisServer();
  let link: FleetLink;

  beforeAll(async () => {
    await redis.start();
    link = new FleetLink({
      url: redis.url,
      onState: () => undefined,
      onCommandError: (m) => {
        throw new Error(m);
      },
    });
    await link.whenReady();
  });

  afterAll(async () => {
    await link?.close();
    await redis.dispose();
  });

  it('trims exactly the entries received before the cutoff', async () => {
    const events = Array.from({ length: 100 }, (_, i) => [
      i + 1,
      JSON.stringify({ vm: 'v', event: 'E', timestamp: { seconds: 1, microseconds: 0 }, receivedAt: (i + 1) * 1000 }),
    ]);
    await link.commands.call(
      'FCALL',
      PUBLISH_FUNCTION,
      3,
      FLEET_KEYS.log,
      FLEET_KEYS.seq,
      FLEET_KEYS.published,
      'hv1:1',
      'hv1',
      1000,
      ...events.flat(),
    );
    // Cutoff at 37,500 ms: entries received at 38,000 ms (seq 38) and later stay.
    const trimmer = new FleetTrimmer(link, 5_000, () => 42_500);
    expect(await trimmer.trimOnce()).toBe(38);
    const left = (await link.commands.xrange(FLEET_KEYS.log, '-', '+')) as [string, string[]][];
    expect(left.map(([id]) => id)).toEqual(Array.from({ length: 63 }, (_, i) => `${i + 38}-1`));
    // Nothing older left: a second pass trims nothing.
    expect(await trimmer.trimOnce()).toBeNull();
  });
});
