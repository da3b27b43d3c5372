import { describe, expect, it } from 'vitest';
import { PublishThrottle, type PublishClock } from './publishThrottle';

function fakeClock() {
  let t = 0;
  const timers: Array<{ at: number; cb: () => void; live: boolean }> = [];
  const clock: PublishClock = {
    now: () => t,
    later: (cb, ms) => {
      const timer = { at: t + ms, cb, live: true };
      timers.push(timer);
      return () => {
        timer.live = false;
      };
    },
  };
  const advance = (ms: number) => {
    t += ms;
    for (const timer of timers) if (timer.live && timer.at <= t) (timer.live = false), timer.cb();
  };
  return { clock, advance };
}

describe('PublishThrottle', () => {
  it('cancel drops a pending trailing announcement', () => {
    const { clock, advance } = fakeClock();
    let n = 0;
    const p = new PublishThrottle(() => n++, clock, 250);
    p.changed(true);
    p.changed(true);
    expect(n).toBe(1);
    p.cancel();
    advance(1000);
    expect(n).toBe(1);
    // And the throttle still works afterwards.
    p.changed(true);
    expect(n).toBe(2);
  });
  it('publishes every change when live', () => {
    const { clock } = fakeClock();
    let n = 0;
    const p = new PublishThrottle(() => n++, clock, 250);
    for (let i = 0; i < 5; i++) p.changed(false);
    expect(n).toBe(5);
  });
  it('while loading, publishes the first change at once, then at most once per spacing, with a trailing one', () => {
    const { clock, advance } = fakeClock();
    let n = 0;
    const p = new PublishThrottle(() => n++, clock, 250);
    p.changed(true);
    expect(n).toBe(1);
    for (let i = 0; i < 100; i++) {
      advance(2);
      p.changed(true);
    }
    // 200 ms of pages: nothing more yet, the trailing publish is due at 250 ms
    expect(n).toBe(1);
    advance(50);
    expect(n).toBe(2);
    advance(1000);
    expect(n).toBe(2);
  });
  it('flush publishes at once and cancels the trailing one', () => {
    const { clock, advance } = fakeClock();
    let n = 0;
    const p = new PublishThrottle(() => n++, clock, 250);
    p.changed(true);
    advance(10);
    p.changed(true);
    p.flush();
    expect(n).toBe(2);
    advance(1000);
    expect(n).toBe(2);
  });
});
