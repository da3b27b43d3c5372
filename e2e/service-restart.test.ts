/**
 * A crash is not final: after a SIGKILL the next start says the previous run ended without a clean
 * shutdown, and /healthz tells the uptime and how the previous run ended (as systemd restarts it).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { HealthResponse } from '@qmpscope/events';
import { BridgeProcess } from './harness/bridgeProcess.js';
import { parsePromText, valueOf } from './harness/promText.js';
import { waitFor } from './harness/waitFor.js';

const UNCLEAN = /^the previous run \(pid (\d+), started (\S+)\) ended without a clean shutdown/;

describe('bridge restarts', () => {
  let bridge: BridgeProcess | undefined;
  afterEach(async () => {
    await bridge?.dispose();
  });

  it('/healthz and the start-up lines tell a first start, a clean restart and one after SIGKILL', async () => {
    bridge = new BridgeProcess(['--demo']);
    const b = bridge;
    const health = () => b.getJson<HealthResponse>('/healthz');

    const beforeFirst = Date.now();
    await b.start();
    const first = await health();
    expect(first.startReason).toBe('first-start');
    expect(first.startedAt).toBeGreaterThanOrEqual(beforeFirst);
    expect(first.startedAt).toBeLessThanOrEqual(Date.now());
    expect(b.output).not.toMatch(/without a clean shutdown/);
    // Uptime counts from the start.
    const later = await waitFor(
      'uptime to reach 1 s',
      async () => {
        const h = await health();
        return h.uptimeSeconds >= 1 ? h : undefined;
      },
      15_000,
    );
    expect(later.startedAt).toBe(first.startedAt);

    await b.stop('SIGTERM');
    await b.start();
    expect((await health()).startReason).toBe('after-clean-shutdown');
    expect(b.output).not.toMatch(/without a clean shutdown/);

    const killedPid = b.pid;
    const killedStartedAt = (await health()).startedAt;
    await waitFor('demo events stored', async () => ((await b.allEvents()).length > 0 ? true : undefined), 30_000);
    await b.stop('SIGKILL');
    await b.start();
    const afterKill = await health();
    expect(afterKill.startReason).toBe('after-unclean-shutdown');
    expect(afterKill.ok).toBe(true);
    // One warning record, with the killed run's pid and start time as fields and in its message.
    const notices = b.logRecords().filter((r) => /without a clean shutdown/.test(r.msg));
    expect(notices, b.log).toHaveLength(1);
    expect(notices[0]).toMatchObject({ level: 'warn', previousPid: killedPid, previousStartedAt: killedStartedAt });
    const notice = UNCLEAN.exec(notices[0]!.msg);
    expect(Number(notice?.[1])).toBe(killedPid);
    expect(Date.parse(notice?.[2] ?? '')).toBe(killedStartedAt);
    const metrics = parsePromText(await (await fetch(`${b.url}/metrics`)).text());
    expect(valueOf(metrics, 'qmpscope_start_info', { reason: 'after-unclean-shutdown' })).toBe(1);

    // That start was itself clean once stopped cleanly: the notice is not repeated.
    await b.stop('SIGTERM');
    await b.start();
    expect((await health()).startReason).toBe('after-clean-shutdown');
    expect(b.output).not.toMatch(/without a clean shutdown/);
  });
});
