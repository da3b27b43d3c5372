import type { JsonValue, StoredEvent } from '@qmpscope/events';

/** Strings longer than this are rarely repeated (and rarely worth a lookup). */
const MAX_POOLED_LENGTH = 96;

/**
 * Canonical copies of repeated strings. Every event parsed from a socket.io
 * payload carries its own copy of its VM name, event name and string values
 * ("net0", "/machine/peripheral/net0/virtio-backend"…), and at a million events
 * held those copies dominate the heap. Bounded: once `capacity` distinct strings
 * are pooled, new ones pass through unpooled, so unique values (ids, paths of
 * hot-plugged devices) cannot grow it without limit.
 */
export class StringPool {
  private readonly pool = new Map<string, string>();

  constructor(private readonly capacity = 20_000) {}

  get size(): number {
    return this.pool.size;
  }

  intern(s: string): string {
    if (s.length > MAX_POOLED_LENGTH) return s;
    const known = this.pool.get(s);
    if (known !== undefined) return known;
    if (this.pool.size < this.capacity) this.pool.set(s, s);
    return s;
  }

  /**
   * The event with its names and the string values of its data (any depth)
   * replaced by pooled copies. `e.data` is rewritten in place: call it only on
   * freshly parsed events that nothing else holds yet.
   */
  internEvent(e: StoredEvent): StoredEvent {
    if (e.data !== undefined) this.internObject(e.data);
    return { ...e, vm: this.intern(e.vm), event: this.intern(e.event) };
  }

  private internObject(o: { [key: string]: JsonValue } | JsonValue[]): void {
    if (Array.isArray(o)) {
      for (let i = 0; i < o.length; i++) o[i] = this.internValue(o[i] as JsonValue);
      return;
    }
    for (const key of Object.keys(o)) o[key] = this.internValue(o[key] as JsonValue);
  }

  private internValue(v: JsonValue): JsonValue {
    if (typeof v === 'string') return this.intern(v);
    if (v !== null && typeof v === 'object') this.internObject(v);
    return v;
  }
}
