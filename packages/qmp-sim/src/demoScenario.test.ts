import { applyRunStateEvent, runStateFromQuery, type JsonObject } from '@qmpscope/qmp';
import { describe, expect, it } from 'vitest';
import { DemoStory, type DemoStep } from './demoScenario.js';
import { createRandom } from './random.js';

function play(seed: number, n: number): Array<DemoStep & { at: number; statusBefore: string }> {
  const story = new DemoStory(createRandom(seed));
  let state = runStateFromQuery('running', true);
  let at = 0;
  const out = [];
  for (let i = 0; i < n; i++) {
    const statusBefore = state.status ?? 'running';
    const step = story.next(statusBefore);
    at += step.delayMs;
    out.push({ ...step, at, statusBefore });
    state = applyRunStateEvent(state, step.event, step.data as JsonObject | undefined);
  }
  return out;
}

const MiB = 1024 * 1024;

describe('DemoStory', () => {
  const steps = play(42, 3000);

  it('sends one event every 0.3-1.5 s, longer only to respect rate limits', () => {
    for (const s of steps) {
      expect(s.delayMs).toBeGreaterThanOrEqual(300);
      if (!['BALLOON_CHANGE', 'RTC_CHANGE', 'WATCHDOG'].includes(s.event)) expect(s.delayMs).toBeLessThanOrEqual(1500);
    }
  });

  it('never sends a rate-limited event twice within a second', () => {
    for (const name of ['BALLOON_CHANGE', 'RTC_CHANGE', 'WATCHDOG']) {
      const times = steps.filter((s) => s.event === name).map((s) => s.at);
      for (let i = 1; i < times.length; i++) expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(1000);
    }
  });

  it('fills every chart within the first seconds: balloon, RTC and a whole migration', () => {
    for (const seed of [1, 2, 3]) {
      const first = play(seed, 12)
        .filter((s) => s.at <= 15_000)
        .map((s) => (s.event === 'MIGRATION' ? `MIGRATION ${String((s.data as { status: string }).status)}` : s.event));
      expect(first).toEqual(expect.arrayContaining(['BALLOON_CHANGE', 'RTC_CHANGE', 'MIGRATION_PASS', 'MIGRATION completed']));
    }
  });

  it('drifts the balloon between 512 MiB and 2 GiB', () => {
    const sizes = steps.filter((s) => s.event === 'BALLOON_CHANGE').map((s) => (s.data as { actual: number }).actual);
    expect(sizes.length).toBeGreaterThan(50);
    for (const a of sizes) {
      expect(a).toBeGreaterThanOrEqual(512 * MiB);
      expect(a).toBeLessThanOrEqual(2048 * MiB);
    }
    expect(new Set(sizes).size).toBeGreaterThan(10);
  });

  it('tells the whole story and keeps the run state consistent', () => {
    const names = new Set(steps.map((s) => s.event));
    for (const e of [
      'BALLOON_CHANGE',
      'RTC_CHANGE',
      'STOP',
      'RESUME',
      'RESET',
      'MIGRATION',
      'MIGRATION_PASS',
      'VNC_CONNECTED',
      'VNC_INITIALIZED',
      'VNC_DISCONNECTED',
      'WATCHDOG',
      'GUEST_PANICKED',
      'DEVICE_DELETED',
      'NIC_RX_FILTER_CHANGED',
      'JOB_STATUS_CHANGE',
      'SHUTDOWN',
    ]) {
      expect(names, e).toContain(e);
    }
    steps.forEach((s, i) => {
      if (s.event === 'RESUME') expect(s.statusBefore).not.toBe('running');
      // With -no-shutdown, QEMU stops the VM right after SHUTDOWN.
      if (s.event === 'STOP' && steps[i - 1]?.event !== 'SHUTDOWN') expect(s.statusBefore).toBe('running');
    });
    const migration = steps.filter((s) => s.event === 'MIGRATION').map((s) => (s.data as { status: string }).status);
    expect(migration.slice(0, 3)).toEqual(['setup', 'active', 'completed']);
  });

  it('is replayable from a seed', () => {
    expect(play(42, 50)).toEqual(steps.slice(0, 50));
    expect(play(43, 50)).not.toEqual(steps.slice(0, 50));
  });
});
