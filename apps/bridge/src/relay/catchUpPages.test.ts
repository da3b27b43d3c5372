import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '@qmpscope/events';
import { CatchUpPages } from './catchUpPages.js';

/** A source over seqs 1..n with an optional hole (deleted rows), counting its reads. */
function source(n: number, hole: [number, number] | null = null) {
  const all: StoredEvent[] = [];
  for (let seq = 1; seq <= n; seq++) {
    if (hole && seq >= hole[0] && seq <= hole[1]) continue;
    all.push({ seq, vm: 'a', event: 'STOP', timestamp: { seconds: seq, microseconds: 0 }, receivedAt: seq });
  }
  const s = {
    reads: 0,
    lastSeq: () => n,
    readAfter: (after: number, limit: number) => {
      s.reads++;
      return all.filter((e) => e.seq > after).slice(0, limit);
    },
  };
  return s;
}

const seqs = (events: StoredEvent[]) => events.map((e) => e.seq);

describe('CatchUpPages', () => {
  it('answers exactly like the source for every cursor, reading each full page once', () => {
    const src = source(50, [20, 24]);
    const pages = new CatchUpPages(src, 4);
    for (let after = 0; after <= 52; after++) {
      const got = seqs(pages.readAfter(after, 10));
      const want = seqs(source(50, [20, 24]).readAfter(after, 10));
      // A cached page may end earlier than a fresh read would (it is served up to its own end),
      // never skip or add: what it returns is a prefix of the source's answer.
      expect(want.slice(0, got.length)).toEqual(got);
      if (want.length > 0) expect(got.length).toBeGreaterThan(0);
    }
  });

  it('serves clients behind at nearby cursors from one read', () => {
    const src = source(10_000);
    const pages = new CatchUpPages(src);
    expect(seqs(pages.readAfter(1000, 1000))).toEqual(Array.from({ length: 1000 }, (_, i) => 1001 + i));
    expect(src.reads).toBe(1);
    expect(seqs(pages.readAfter(1500, 1000))).toEqual(Array.from({ length: 500 }, (_, i) => 1501 + i));
    expect(seqs(pages.readAfter(1999, 1000))).toEqual([2000]);
    expect(src.reads).toBe(1);
    pages.readAfter(2000, 1000);
    expect(src.reads).toBe(2);
  });

  it('does not cache the short tail page, which live events still extend', () => {
    const src = source(1500);
    const pages = new CatchUpPages(src);
    expect(pages.readAfter(1000, 1000)).toHaveLength(500);
    expect(pages.readAfter(1000, 1000)).toHaveLength(500);
    expect(src.reads).toBe(2);
  });

  it('keeps at most its capacity of pages', () => {
    const src = source(10_000);
    const pages = new CatchUpPages(src, 2);
    pages.readAfter(0, 100);
    pages.readAfter(100, 100);
    pages.readAfter(200, 100); // evicts the first
    pages.readAfter(50, 100);
    expect(src.reads).toBe(4);
    pages.readAfter(250, 100);
    expect(src.reads).toBe(4);
  });

  it('hands clients at different cursors the same page arrays once they are aligned', () => {
    const src = source(10_000);
    const pages = new CatchUpPages(src);
    const a1 = pages.readAfter(1234, 1000);
    const b1 = pages.readAfter(1777, 1000);
    expect(seqs(a1)).toEqual(Array.from({ length: 766 }, (_, i) => 1235 + i));
    expect(seqs(b1)).toEqual(Array.from({ length: 223 }, (_, i) => 1778 + i));
    // Both continue at 2000: one array, so one JSON text for both (encodedOnce).
    const a2 = pages.readAfter(2000, 1000);
    const b2 = pages.readAfter(2000, 1000);
    expect(a2).toBe(b2);
    expect(seqs(a2)).toEqual(Array.from({ length: 1000 }, (_, i) => 2001 + i));
    expect(src.reads).toBe(2);
  });

  it('crosses a hole wider than many pages in one step, and never ends early', () => {
    const src = source(100_000, [1001, 90_000]);
    const pages = new CatchUpPages(src);
    expect(seqs(pages.readAfter(900, 100))).toEqual(Array.from({ length: 100 }, (_, i) => 901 + i));
    const after = pages.readAfter(1000, 100);
    expect(seqs(after)).toEqual(Array.from({ length: 100 }, (_, i) => 90_001 + i));
    expect(src.reads).toBeLessThanOrEqual(4);
  });

  it('goes on past a page whose read saw nothing beyond it, and ends only when the source has nothing', () => {
    // Seqs 1..20 with 11..20 missing when the page (0, 10] was read; 21..25 arrive later.
    const all: StoredEvent[] = [];
    const add = (seq: number) => all.push({ seq, vm: 'a', event: 'STOP', timestamp: { seconds: seq, microseconds: 0 }, receivedAt: seq });
    for (let seq = 1; seq <= 5; seq++) add(seq);
    let last = 20;
    const src = { lastSeq: () => last, readAfter: (after: number, limit: number) => all.filter((e) => e.seq > after).slice(0, limit) };
    const pages = new CatchUpPages(src);
    expect(seqs(pages.readAfter(0, 10))).toEqual([1, 2, 3, 4, 5]);
    expect(pages.readAfter(5, 10)).toEqual([]);
    for (let seq = 21; seq <= 25; seq++) add(seq);
    last = 25;
    expect(seqs(pages.readAfter(5, 10))).toEqual([21, 22, 23, 24, 25]);
  });
});
