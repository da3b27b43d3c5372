import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ApiError } from '@qmpscope/events';
import { accessPage, wantsHtml } from './accessPage.js';
import { decideAccess, type AccessDecision } from './accessPolicy.js';
import { dashboardPath, requestUrl } from './requestUrl.js';
import { applySecurityHeaders } from './securityHeaders.js';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;
type UpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * Puts the access policy (accessPolicy.ts) in front of every listener of the server: the API, the static files and
 * socket.io (which adds its own 'request' and 'upgrade' listeners), so no path is left open and every
 * answer, engine.io's polling responses included, carries the security headers.
 * Call it after socket.io is attached and before the server listens.
 */
export function installAccessGate(server: Server, token: string | null): void {
  const onRequest = server.listeners('request') as RequestListener[];
  const onUpgrade = server.listeners('upgrade') as UpgradeListener[];
  server.removeAllListeners('request');
  server.removeAllListeners('upgrade');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    applySecurityHeaders(req, res);
    const decision = decide(req, token);
    if (decision.kind === 'allow') {
      for (const listener of onRequest) listener.call(server, req, res);
      return;
    }
    if (decision.kind === 'redirect') {
      res.writeHead(302, { Location: decision.location, 'Set-Cookie': decision.setCookie, 'Cache-Control': 'no-store' });
      res.end();
      return;
    }
    const html = decision.status === 401 && wantsHtml(req.headers);
    const body = html
      ? accessPage(decision.error, dashboardPath(requestUrl(req.url)))
      : JSON.stringify({ error: decision.error } satisfies ApiError);
    res.writeHead(decision.status, {
      'Content-Type': html ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': 'no-store',
      ...(decision.status === 401 ? { 'WWW-Authenticate': 'Bearer realm="qmpscope"' } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const decision = decide(req, token);
    if (decision.kind === 'allow') {
      for (const listener of onUpgrade) listener.call(server, req, socket, head);
      return;
    }
    const status = decision.kind === 'redirect' ? 401 : decision.status;
    const error = decision.kind === 'redirect' ? 'send the token as a cookie or Bearer header, not in the URL' : decision.error;
    const body = JSON.stringify({ error } satisfies ApiError);
    socket.end(
      `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Forbidden'}\r\nConnection: close\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  });
}

function decide(req: IncomingMessage, token: string | null): AccessDecision {
  return decideAccess({ method: req.method, url: req.url, headers: req.headers, localPort: req.socket.localPort ?? 0 }, token);
}
