import { previewValue } from './preview.js';
import type { JsonObject, JsonValue, QmpEvent, QmpGreeting } from './types.js';

/** What one parsed QMP message is, validated where it enters. */
export type QmpMessage =
  | { type: 'greeting'; greeting: QmpGreeting }
  | { type: 'event'; event: QmpEvent }
  | { type: 'return'; id: JsonValue | undefined; value: JsonValue }
  | { type: 'error'; id: JsonValue | undefined; errorClass: string; desc: string }
  | { type: 'invalid-event'; reason: string }
  | { type: 'unexpected'; reason: string };

/** QAPI names are letters, digits, '-' and '_' ('x-' for unstable ones); '.' is allowed for vendor names. */
const EVENT_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,127}$/;

export function classifyMessage(message: JsonValue, receivedAt: number): QmpMessage {
  if (!isObject(message)) return { type: 'unexpected', reason: `expected a JSON object, got ${describe(message)}` };
  // Events first: they are the bulk of the traffic.
  if ('event' in message) return toEvent(message, receivedAt);
  if ('return' in message) return { type: 'return', id: message['id'], value: message['return'] as JsonValue };
  if ('error' in message) return toError(message);
  if ('QMP' in message) return toGreeting(message['QMP'] as JsonValue);
  return { type: 'unexpected', reason: `a message that is neither greeting, reply nor event: ${preview(message)}` };
}

/**
 * Validates an event object: `event` a string, `timestamp` with numeric
 * seconds and microseconds (-1 when QEMU could not read its clock), `data`
 * absent or an object. The timestamp is kept exactly as QEMU sent it.
 */
export function toEvent(message: JsonObject, receivedAt: number): QmpMessage {
  const name = message['event'];
  const ts = message['timestamp'];
  if (typeof name !== 'string' || !EVENT_NAME.test(name))
    return invalid('"event" is not an event name (letters, digits, _ . -, at most 128)', message);
  if (!isObject(ts) || typeof ts['seconds'] !== 'number' || typeof ts['microseconds'] !== 'number') {
    return invalid(`${name} has no valid timestamp {seconds, microseconds}`, message);
  }
  const event: QmpEvent = { event: name, timestamp: { seconds: ts['seconds'], microseconds: ts['microseconds'] }, receivedAt };
  const data = message['data'];
  if (data !== undefined) {
    if (!isObject(data)) return invalid(`${name} has "data" that is not an object`, message);
    event.data = data;
  }
  return { type: 'event', event };
}

function toError(message: JsonObject): QmpMessage {
  const err = message['error'];
  if (!isObject(err)) return { type: 'unexpected', reason: `an error reply without an error object: ${preview(message)}` };
  // Both end up in messages and logs: bounded here, where they enter.
  const errorClass = typeof err['class'] === 'string' ? peerText(err['class'], 100) : 'GenericError';
  const desc = typeof err['desc'] === 'string' ? peerText(err['desc'], 500) : previewValue(err);
  return { type: 'error', id: message['id'], errorClass, desc };
}

function toGreeting(qmp: JsonValue): QmpMessage {
  if (!isObject(qmp)) return { type: 'unexpected', reason: 'a greeting whose "QMP" member is not an object' };
  const version = qmp['version'];
  const qemu = isObject(version) ? version['qemu'] : undefined;
  if (!isObject(version) || !isObject(qemu)) return { type: 'unexpected', reason: 'a greeting without version.qemu' };
  const caps = Array.isArray(qmp['capabilities']) ? qmp['capabilities'] : [];
  return {
    type: 'greeting',
    greeting: {
      version: {
        qemu: { major: num(qemu['major']), minor: num(qemu['minor']), micro: num(qemu['micro']) },
        package: typeof version['package'] === 'string' ? version['package'] : '',
      },
      capabilities: caps.filter((c): c is string => typeof c === 'string'),
    },
  };
}

export function isObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function num(v: JsonValue | undefined): number {
  return typeof v === 'number' ? v : 0;
}

function invalid(reason: string, message: JsonObject): QmpMessage {
  return { type: 'invalid-event', reason: `skipped an invalid event: ${reason}: ${preview(message)}` };
}

function describe(v: JsonValue): string {
  return Array.isArray(v) ? 'an array' : v === null ? 'null' : `a ${typeof v}`;
}

function preview(v: JsonValue): string {
  return previewValue(v, 200);
}

/** A peer's string kept as text, cut to `max` characters (its control characters are escaped by whoever logs it). */
function peerText(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}… (${s.length - max} more characters)` : s;
}
