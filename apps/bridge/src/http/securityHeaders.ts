import type { IncomingMessage, ServerResponse } from 'node:http';

/** A Host header fit to appear in a CSP source: a DNS name, IPv4 or [IPv6], with an optional port. */
const PLAIN_HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The headers sent on every answer, for a request that asked for `host`. The dashboard loads nothing
 * from elsewhere and sends no forms. Its socket goes to the host the page came from, named with ws:
 * and wss: as well as 'self' because browsers before CSP level 3 (Safari until 15.4) do not match
 * WebSocket URLs against 'self'; with no usable Host, WebSockets are not allowed at all.
 */
export function securityHeaders(host: string | undefined): Record<string, string> {
  const sockets = host !== undefined && PLAIN_HOST.test(host) ? ` ws://${host} wss://${host}` : '';
  return {
    'Content-Security-Policy':
      `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'${sockets}; ` +
      "form-action 'none'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
  };
}

export function applySecurityHeaders(req: IncomingMessage, res: ServerResponse): void {
  for (const [name, value] of Object.entries(securityHeaders(req.headers.host))) res.setHeader(name, value);
}
