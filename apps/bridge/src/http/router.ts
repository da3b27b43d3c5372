import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiError, EventsResponse, HealthResponse, StoredEvent, VmInfo, VmsResponse } from '@qmpscope/events';
import type { Scrape } from '../metrics/bridgeMetrics.js';
import type { EventFilter } from '../storage/eventFilter.js';
import { parseEventQuery } from './eventQuery.js';
import { requestUrl } from './requestUrl.js';
import { streamNdjson } from './ndjsonExport.js';
import { applySecurityHeaders } from './securityHeaders.js';
import { serveStatic } from './staticFiles.js';

/** What the HTTP API reads; the bridge wires it to the VM registry, the store and the ingest queue. */
export interface ApiSource {
  listVms(): VmInfo[];
  health(): HealthResponse;
  /** Ascending by seq, at most `limit`; throws if the database cannot be read. */
  queryEvents(filter: EventFilter, limit: number): StoredEvent[];
  lastSeq(): number;
  /** The Prometheus text exposition of the bridge's metrics. */
  metrics(): Promise<Scrape>;
  webDir: string;
}

/** The HTTP request handler: read-only JSON API, NDJSON export, health, metrics, and the static web app. */
export function createRequestHandler(api: ApiSource): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    applySecurityHeaders(req, res);
    handle(api, req, res).catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      if (!res.headersSent) sendJson(res, 500, { error: `internal error: ${message}` } satisfies ApiError);
      else res.destroy();
    });
  };
}

async function handle(api: ApiSource, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = requestUrl(req.url);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    sendJson(res, 405, { error: `method ${req.method ?? '?'} not allowed: this server is read-only (GET, HEAD)` } satisfies ApiError);
    return;
  }
  const path = url.pathname;
  if (path === '/healthz') {
    const health = api.health();
    sendJson(res, health.ok ? 200 : 503, health);
    return;
  }
  if (path === '/metrics') {
    const scrape = await api.metrics();
    res.writeHead(200, {
      'Content-Type': scrape.contentType,
      'Content-Length': Buffer.byteLength(scrape.body),
      'Cache-Control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : scrape.body);
    return;
  }
  if (path === '/api/vms') {
    sendJson(res, 200, { vms: api.listVms() } satisfies VmsResponse);
    return;
  }
  if (path === '/api/events' || path === '/api/events.ndjson') {
    serveEvents(api, req, res, url, path.endsWith('.ndjson'));
    return;
  }
  if (path === '/api' || path.startsWith('/api/')) {
    sendJson(res, 404, {
      error: `no API endpoint ${path}: see /api/vms, /api/events, /api/events.ndjson, /healthz, /metrics`,
    } satisfies ApiError);
    return;
  }
  await serveStatic(req, res, api.webDir, path);
}

function serveEvents(api: ApiSource, req: IncomingMessage, res: ServerResponse, url: URL, ndjson: boolean): void {
  const knownVms = api.listVms().map((v) => v.name);
  const parsed = parseEventQuery(url.searchParams, { knownVms, mode: ndjson ? 'export' : 'page' });
  if (!parsed.ok) {
    sendJson(res, 400, { error: parsed.error } satisfies ApiError);
    return;
  }
  const { filter, limit } = parsed.query;
  if (ndjson) {
    res.writeHead(200, { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store' });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    streamNdjson(res, (f, n) => api.queryEvents(f, n), filter, limit).catch((err: unknown) => {
      // Headers are out: the only honest signal left is a cut connection.
      res.destroy(err instanceof Error ? err : new Error(String(err)));
    });
    return;
  }
  const pageLimit = limit ?? 1000;
  const lastSeq = api.lastSeq();
  const rows = api.queryEvents(filter, pageLimit + 1);
  const hasMore = rows.length > pageLimit;
  if (hasMore) rows.length = pageLimit;
  sendJson(res, 200, { events: rows, hasMore, lastSeq } satisfies EventsResponse);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(res.req.method === 'HEAD' ? undefined : text);
}
