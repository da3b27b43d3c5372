import { createReadStream, type Stats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, sep } from 'node:path';
import { contentTypeFor } from './contentTypes.js';

/** Vite puts content-hashed files under assets/: their name changes when they do. */
const HASHED_ASSET = /^\/assets\//;

const MISSING_BUILD_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>qmpscope</title></head>
<body><h1>qmpscope bridge is running</h1>
<p>The web app is not built yet. Run <code>npm run build</code> in the repository, then reload this page.</p>
<p>The API works already: <a href="/api/vms">/api/vms</a>, <a href="/api/events">/api/events</a>, <a href="/healthz">/healthz</a>.</p>
</body></html>
`;

/**
 * Serves the built web app. Unknown extension-less paths get index.html so deep links
 * (`/?vm=demo&sel=42`, `/vm/demo`) work; a missing file (a path under /assets/ or with an extension)
 * is a 404, so a broken build shows as one instead of as HTML parsed as a script. A path escaping the
 * web dir (through `..` or a symlink) or naming a dotfile is never read.
 */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, webDir: string, pathname: string): Promise<void> {
  const file = await findFile(webDir, pathname);
  if (file) {
    const cache = HASHED_ASSET.test(pathname) ? 'public, max-age=31536000, immutable' : 'no-cache';
    sendFile(req, res, file.path, file.stats, cache);
    return;
  }
  if (!isNavigationPath(pathname)) {
    sendBody(
      req,
      res,
      404,
      'text/plain; charset=utf-8',
      'no-store',
      `not found: ${pathname} (if the web app was rebuilt, reload the page)\n`,
    );
    return;
  }
  const index = await statFile(join(webDir, 'index.html'));
  if (!index) {
    sendBody(req, res, 200, 'text/html; charset=utf-8', 'no-store', MISSING_BUILD_PAGE);
    return;
  }
  sendFile(req, res, join(webDir, 'index.html'), index, 'no-cache');
}

/** A path the app itself may route: not under /assets/, no extension in its last segment. */
function isNavigationPath(pathname: string): boolean {
  return !HASHED_ASSET.test(pathname) && !/\.[^/]*$/.test(pathname);
}

async function findFile(webDir: string, pathname: string): Promise<{ path: string; stats: Stats } | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.split('/').some((segment) => segment.startsWith('.'))) return null;
  // The web dir may itself be a link: compare real paths on both sides.
  const root = await realPathOf(webDir);
  if (root === null) return null;
  const path = await realPathOf(join(root, decoded));
  if (path === null || !path.startsWith(root + sep)) return null;
  const stats = await statFile(path);
  return stats ? { path, stats } : null;
}

/** The path with every symlink resolved, or null when it does not exist (a missing file is a 404, not an error). */
async function realPathOf(path: string): Promise<string | null> {
  try {
    return await realpath(path);
  } catch {
    return null;
  }
}

async function statFile(path: string): Promise<Stats | null> {
  try {
    const stats = await stat(path);
    return stats.isFile() ? stats : null;
  } catch {
    return null;
  }
}

function sendFile(req: IncomingMessage, res: ServerResponse, path: string, stats: Stats, cache: string): void {
  res.writeHead(200, {
    'Content-Type': contentTypeFor(path),
    'Content-Length': stats.size,
    'Cache-Control': cache,
    'Last-Modified': stats.mtime.toUTCString(),
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(path);
  stream.on('error', (err) => res.destroy(err));
  stream.pipe(res);
}

function sendBody(req: IncomingMessage, res: ServerResponse, status: number, type: string, cache: string, body: string): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': cache });
  res.end(req.method === 'HEAD' ? undefined : body);
}
