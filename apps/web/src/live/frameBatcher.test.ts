import { describe, expect, it } from 'vitest';
import { FrameBatcher, type Scheduler } from './frameBatcher';

function manualScheduler() {
  const frames: Array<() => void> = [];
  const scheduler: Scheduler = {
    frame: (cb) => {
      frames.push(cb);
      return () => frames.splice(frames.indexOf(cb), 1);
    },
    timer: () => () => {},
  };
  return { scheduler, runFrame: () => frames.splice(0).forEach((f) => f()), pendingFrames: () => frames.length };
}

describe('FrameBatcher', () => {
  it('delivers everything pushed before a frame in one call, in order', () => {
    const { scheduler, runFrame, pendingFrames } = manualScheduler();
    const calls: number[][] = [];
    const b = new FrameBatcher<number>((xs) => calls.push(xs), scheduler);
    b.push(1, 2);
    b.push(3);
    expect(pendingFrames()).toBe(1);
    expect(calls).toEqual([]);
    runFrame();
    expect(calls).toEqual([[1, 2, 3]]);
    b.push(4);
    runFrame();
    expect(calls).toEqual([[1, 2, 3], [4]]);
  });
  it('flush() delivers at once and cancels the scheduled frame', () => {
    const { scheduler, pendingFrames } = manualScheduler();
    const calls: number[][] = [];
    const b = new FrameBatcher<number>((xs) => calls.push(xs), scheduler);
    b.push(1);
    b.flush();
    expect(calls).toEqual([[1]]);
    expect(pendingFrames()).toBe(0);
    b.flush();
    expect(calls).toHaveLength(1);
  });
});
