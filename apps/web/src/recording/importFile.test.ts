import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '@qmpscope/events';
import { toNdjson } from './exportEvents';
import { importFile } from './importFile';

describe('importFile', () => {
  it('streams a large file in chunks, reports progress and keeps every event', async () => {
    const events: StoredEvent[] = Array.from({ length: 20_000 }, (_, i) => ({
      seq: i + 1,
      vm: 'demo',
      event: 'RTC_CHANGE',
      data: { offset: i },
      timestamp: { seconds: 1000 + i, microseconds: 7 },
      receivedAt: 0,
    }));
    const blob = new Blob([toNdjson(events), 'not an event\n']);
    const progress: number[] = [];
    const r = await importFile(Object.assign(blob, { name: 'big.ndjson' }), (p) => progress.push(p.bytes));
    expect(r.events).toHaveLength(20_000);
    expect(r.events.at(-1)).toMatchObject({ seq: 20_000, data: { offset: 19_999 } });
    expect(r.skipped).toEqual([{ line: 20_001, reason: expect.any(String) }]);
    expect(progress.at(-1)).toBe(blob.size);
  });
  it('stops when cancelled', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(importFile(new Blob(['{}\n']), () => {}, ac.signal)).rejects.toThrow(/cancelled/);
  });
  it('skips a line with a 30 MB string without holding it, says why, and keeps the other events', async () => {
    const huge = `{"event":"DEVICE_DELETED","data":{"device":"${'d'.repeat(30 * 1024 * 1024)}"},"timestamp":{"seconds":1,"microseconds":0}}`;
    const normal = '{"event":"STOP","timestamp":{"seconds":2,"microseconds":0}}';
    const r = await importFile(
      Object.assign(new Blob([normal, '\n', huge, '\n', normal.replace('STOP', 'RESUME'), '\n']), { name: 'hostile.log' }),
      () => {},
    );
    expect(r.events.map((e) => e.event)).toEqual(['STOP', 'RESUME']);
    expect(r.skippedCount).toBe(1);
    expect(r.skipped).toEqual([{ line: 2, reason: 'a string of 31,457,280 characters exceeds the 1 MiB limit (1,048,576 characters)' }]);
  });
});
