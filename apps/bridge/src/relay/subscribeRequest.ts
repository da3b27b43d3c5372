import type { SubscribeRequest } from '@qmpscope/events';
import { previewValue } from '@qmpscope/qmp';

/** Validates a `subscribe` payload from a browser (untrusted) into a SubscribeRequest. */
export function parseSubscribeRequest(raw: unknown): { ok: true; req: SubscribeRequest } | { ok: false; error: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || !('after' in raw)) {
    return { ok: false, error: 'invalid subscribe request: expected {"after": <last seq you hold, or null for live only>}' };
  }
  const after: unknown = raw.after;
  if (after === null) return { ok: true, req: { after: null } };
  if (typeof after !== 'number' || !Number.isSafeInteger(after) || after < 0) {
    return { ok: false, error: `invalid subscribe request: after must be an integer >= 0 or null, got ${previewValue(after, 60)}` };
  }
  return { ok: true, req: { after } };
}
