/** A fixed origin for reading request targets; never shown to anyone. */
const BASE = 'http://bridge.invalid';

/**
 * The request target (`req.url`) as a URL on a fixed origin. The target is appended to the origin
 * instead of resolved against it, so `//evil.example/x` stays the path `//evil.example/x` and is
 * never read as another host.
 */
export function requestUrl(target: string | undefined): URL {
  const path = target === undefined || target === '' ? '/' : target.startsWith('/') ? target : `/${target}`;
  // Cannot throw: after an origin and a `/`, the URL parser accepts any characters (it escapes them).
  return new URL(BASE + path);
}

/**
 * Where a page URL of the bridge leads once the token is out of it: the dashboard at `/` with the
 * same query. Built from the query alone, so no request path (`/.//evil.example/`) can turn it into a
 * link to another site; the dashboard keeps its view in the query, not in the path.
 */
export function dashboardPath(url: URL): string {
  const params = new URLSearchParams(url.search);
  params.delete('token');
  const query = params.toString();
  return query === '' ? '/' : `/?${query}`;
}
