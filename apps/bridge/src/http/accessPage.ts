import type { IncomingHttpHeaders } from 'node:http';

/** A browser opening a page, as opposed to a script or API client that wants JSON. */
export function wantsHtml(headers: IncomingHttpHeaders): boolean {
  return headers['sec-fetch-dest'] === 'document' || (headers.accept ?? '').toLowerCase().includes('text/html');
}

/**
 * The page a browser gets instead of a 401. The token cookie is SameSite=Strict, so a link to the
 * dashboard followed from chat or mail arrives without it; the link on this page starts on the
 * bridge itself, and the browser then sends the cookie. No script: the CSP forbids inline scripts.
 */
export function accessPage(reason: string, dashboard: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark"><title>qmpscope: access token needed</title></head>
<body><main>
<h1>qmpscope needs its access token</h1>
<p>${escapeHtml(reason)}</p>
<p>If this browser has opened the bridge's token link before, a link followed from another site (chat, mail) arrives without the token's cookie: this browser sends it only when the visit starts on the bridge itself.</p>
<p><a href="${escapeHtml(dashboard)}">Open the dashboard</a></p>
<p>Otherwise open the link with the token that the bridge printed when it started, or ask whoever runs it.</p>
</main></body></html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
