import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { StoredEvent } from '@qmpscope/events';
import type { EventFilter } from '../storage/eventFilter.js';

/** Rows read per page: big enough to amortise the query, small enough to keep ingest waiting < ~10 ms. */
const PAGE = 2000;

export type PageReader = (filter: EventFilter, limit: number) => StoredEvent[];

/**
 * Streams every matching event as NDJSON. Reads the database page by page (a better-sqlite3
 * iterator would hold the connection and block ingest while the client is slow) and waits for
 * 'drain' whenever the socket buffer is full, so a slow download costs no memory.
 */
export async function streamNdjson(res: ServerResponse, read: PageReader, filter: EventFilter, limit: number | null): Promise<void> {
  let remaining = limit ?? Infinity;
  let after = filter.afterSeq;
  while (remaining > 0 && !res.destroyed) {
    const page = read(after === undefined ? filter : { ...filter, afterSeq: after }, Math.min(PAGE, remaining));
    if (page.length === 0) break;
    let chunk = '';
    for (const ev of page) chunk += JSON.stringify(ev) + '\n';
    remaining -= page.length;
    after = page[page.length - 1]!.seq;
    if (!res.write(chunk)) {
      await Promise.race([once(res, 'drain'), once(res, 'close')]);
    } else {
      // Let ingest and other requests run between pages.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (page.length < PAGE && remaining > 0) break;
  }
  res.end();
}
