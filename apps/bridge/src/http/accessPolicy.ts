import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { dashboardPath, requestUrl } from './requestUrl.js';

/** What the access policy sees of a request (an IncomingMessage fits). */
export interface GuardedRequest {
  method?: string | undefined;
  url?: string | undefined;
  headers: IncomingHttpHeaders;
  /** The port the request came in on: cookies are per host, not per port, so the cookie name carries it. */
  localPort: number;
}

export type AccessDecision =
  { kind: 'allow' } | { kind: 'redirect'; location: string; setCookie: string } | { kind: 'deny'; status: 401 | 403; error: string };

/** Cookie holding the token after the `?token=` exchange; one per port so two bridges on one host do not clash. */
export function tokenCookieName(port: number): string {
  return `qmpscope_token_${port}`;
}

/**
 * Who may use the bridge. Cross-site requests (an Origin that is not this server) are refused
 * always: a web page elsewhere must not read the VMs' events through the visitor's browser. So are
 * cross-site requests that carry no Origin (images, prefetches, frames): only a top-level navigation
 * may come from another site. Without a token (loopback), the Host must be a loopback name too, which
 * stops DNS rebinding. With a token, every request needs it as a cookie or a Bearer header; a page URL
 * with `?token=` trades it for the cookie.
 */
export function decideAccess(req: GuardedRequest, token: string | null): AccessDecision {
  const host = req.headers.host ?? '';
  const origin = req.headers.origin;
  if (origin !== undefined && !isOwnOrigin(origin, host)) {
    return {
      kind: 'deny',
      status: 403,
      error: `cross-origin request from ${origin} refused: only pages served by this bridge (http://${host} or https://${host} behind a TLS proxy that keeps Host) may use it`,
    };
  }
  if (isCrossSiteSubresource(req.headers)) {
    return {
      kind: 'deny',
      status: 403,
      error: 'cross-site request refused: pages of other sites may link to the dashboard, not load from it',
    };
  }
  if (token === null) {
    if (!isLoopbackHostHeader(host)) {
      return {
        kind: 'deny',
        status: 403,
        error: `Host ${JSON.stringify(host)} refused: this bridge listens on loopback only; open it as http://127.0.0.1:${req.localPort}/ or start it with --token`,
      };
    }
    return { kind: 'allow' };
  }
  const url = requestUrl(req.url);
  const offered = url.searchParams.get('token');
  if (offered !== null && isPageRequest(req.method, url.pathname)) {
    if (!tokensEqual(offered, token))
      return { kind: 'deny', status: 401, error: 'wrong access token in the link: copy the link the bridge printed at start' };
    return {
      kind: 'redirect',
      location: dashboardPath(url),
      setCookie: `${tokenCookieName(req.localPort)}=${token}; HttpOnly; SameSite=Strict; Path=/`,
    };
  }
  const presented = bearerToken(req.headers.authorization) ?? cookieValue(req.headers.cookie, tokenCookieName(req.localPort));
  if (presented === null) {
    return {
      kind: 'deny',
      status: 401,
      error:
        'access token required: open the link the bridge printed at start (http://HOST:PORT/?token=...) or send Authorization: Bearer TOKEN',
    };
  }
  if (!tokensEqual(presented, token))
    return {
      kind: 'deny',
      status: 401,
      error: 'wrong access token: use the one the bridge printed at start (or --token / QMPSCOPE_TOKEN)',
    };
  return { kind: 'allow' };
}

/**
 * The page's own origin: the Host it was asked for, over http, or over https when a TLS reverse
 * proxy that keeps Host stands in front (the browser then sends `Origin: https://HOST`).
 */
function isOwnOrigin(origin: string, host: string): boolean {
  return host !== '' && (origin === `http://${host}` || origin === `https://${host}`);
}

/**
 * Fetch metadata of a request another site's page made without the user navigating to us: an image,
 * a prefetch, a frame, a no-cors fetch. Such requests carry no Origin, and their success or failure
 * would tell that page which VM names exist. Browsers without fetch metadata send no Sec-Fetch-Site.
 */
function isCrossSiteSubresource(headers: IncomingHttpHeaders): boolean {
  const site = headers['sec-fetch-site'];
  if (site !== 'cross-site' && site !== 'same-site') return false;
  return !(headers['sec-fetch-mode'] === 'navigate' && headers['sec-fetch-dest'] === 'document');
}

/** Constant-time: compares fixed-length digests, so neither content nor length leaks through timing. */
export function tokensEqual(a: string, b: string): boolean {
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  return timingSafeEqual(da, db);
}

function isPageRequest(method: string | undefined, path: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  return !(path === '/api' || path.startsWith('/api/') || path.startsWith('/socket.io') || path === '/healthz' || path === '/metrics');
}

function isLoopbackHostHeader(host: string): boolean {
  const name = host.replace(/:\d+$/, '').toLowerCase();
  return name === 'localhost' || name === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

function bearerToken(header: string | undefined): string | null {
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

function cookieValue(header: string | undefined, name: string): string | null {
  if (header === undefined) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
