import { QmpError } from './qmpError.js';
import type { JsonObject, JsonValue } from './types.js';

/** QEMU's monitor queues at most 8 requests per connection before it stops reading. */
export const MAX_IN_FLIGHT = 8;

interface Pending {
  id: number;
  command: string;
  line: string;
  resolve: (value: JsonValue) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Commands of one connection: unique ids, at most MAX_IN_FLIGHT sent and
 * unanswered (the rest wait in order), a timeout per command, replies matched by id.
 */
export class CommandQueue {
  readonly #write: (line: string) => void;
  readonly #timeoutMs: number;
  readonly #inFlight = new Map<number, Pending>();
  readonly #waiting: Pending[] = [];
  #nextId = 1;

  constructor(write: (line: string) => void, timeoutMs: number) {
    this.#write = write;
    this.#timeoutMs = timeoutMs;
  }

  get inFlight(): number {
    return this.#inFlight.size;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  execute(command: string, args?: JsonObject): Promise<JsonValue> {
    return new Promise<JsonValue>((resolve, reject) => {
      const id = this.#nextId++;
      const msg: JsonObject = args === undefined ? { execute: command, id } : { execute: command, arguments: args, id };
      const timer = setTimeout(() => this.#timeout(id), this.#timeoutMs);
      const p: Pending = { id, command, line: JSON.stringify(msg) + '\n', resolve, reject, timer };
      if (this.#inFlight.size < MAX_IN_FLIGHT) this.#send(p);
      else this.#waiting.push(p);
    });
  }

  /** Returns false when no command waits for this id (the caller reports the stray reply). */
  settle(id: JsonValue | undefined, outcome: { value: JsonValue } | { errorClass: string; desc: string }): boolean {
    const p = typeof id === 'number' ? this.#inFlight.get(id) : undefined;
    if (p === undefined) return false;
    this.#finish(p);
    if ('value' in outcome) p.resolve(outcome.value);
    else p.reject(new QmpError(outcome.errorClass, outcome.desc, p.command));
    return true;
  }

  /** Rejects every command, sent or waiting (the connection is gone). */
  rejectAll(reason: string): void {
    const all = [...this.#inFlight.values(), ...this.#waiting.splice(0)];
    this.#inFlight.clear();
    for (const p of all) {
      clearTimeout(p.timer);
      p.reject(new Error(`QMP command "${p.command}" not completed: ${reason}`));
    }
  }

  #send(p: Pending): void {
    this.#inFlight.set(p.id, p);
    this.#write(p.line);
  }

  #finish(p: Pending): void {
    clearTimeout(p.timer);
    this.#inFlight.delete(p.id);
    const next = this.#waiting.shift();
    if (next !== undefined) this.#send(next);
  }

  #timeout(id: number): void {
    const sent = this.#inFlight.get(id);
    const index = this.#waiting.findIndex((w) => w.id === id);
    const p = sent ?? this.#waiting[index];
    if (p === undefined) return;
    if (sent !== undefined) this.#finish(sent);
    else this.#waiting.splice(index, 1);
    // A late reply to this id is then dropped as unknown.
    p.reject(new Error(`QMP command "${p.command}" timed out after ${this.#timeoutMs} ms — is QEMU stuck or overloaded?`));
  }
}
