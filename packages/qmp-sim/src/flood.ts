import type net from 'node:net';
import { nowMicros } from './qmpJson.js';

const TICK_MS = 10;
// A slow reader must not make the simulator buffer without bound: we stop producing while any
// client's socket wants 'drain' (past its high-water mark) or holds more than this, so a fleet of
// simulators holds at most this plus one tick's lines per client. The rate is a ceiling, like QEMU
// blocking on a full monitor socket.
const MAX_BUFFERED_BYTES = 64 * 1024;
// Never catch up more than this much backlog after a stall (a burst, not a flood of old events).
const MAX_BACKLOG_MS = 250;

/** Writes small QMP events at a steady rate, many per chunk, to every negotiated client. */
export class FloodWriter {
  readonly #rate: number;
  readonly #sockets: () => net.Socket[];
  #timer: NodeJS.Timeout | null = null;
  #startedAt = 0;
  #due = 0;
  sent = 0;

  readonly #phase: number;

  /**
   * `phase` in [0, 1): where in its first event interval this writer starts. Simulators started
   * together (a fleet) at a low rate each would otherwise all send on the same beat: bursts once
   * an interval rather than a steady rate.
   */
  constructor(eventsPerSecond: number, sockets: () => net.Socket[], phase = 0) {
    if (!(eventsPerSecond > 0)) throw new Error(`flood eventsPerSecond must be a positive number, got ${eventsPerSecond}`);
    if (!(phase >= 0 && phase < 1)) throw new Error(`flood phase must be in [0, 1), got ${phase}`);
    this.#rate = eventsPerSecond;
    this.#sockets = sockets;
    this.#phase = phase;
  }

  start(): void {
    this.#startedAt = performance.now() - (this.#phase * 1000) / this.#rate;
    this.#timer = setInterval(() => this.#tick(), TICK_MS);
  }

  stop(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }

  #tick(): void {
    const sockets = this.#sockets();
    const target = Math.floor(((performance.now() - this.#startedAt) * this.#rate) / 1000);
    const maxBacklog = Math.max(1, Math.ceil((this.#rate * MAX_BACKLOG_MS) / 1000));
    if (target - this.#due > maxBacklog) this.#due = target - maxBacklog;
    const count = target - this.#due;
    if (count <= 0 || sockets.length === 0) {
      if (sockets.length === 0) this.#due = target; // nobody listens: QEMU's events are lost, not queued
      return;
    }
    if (sockets.some((s) => s.writableNeedDrain || s.writableLength > MAX_BUFFERED_BYTES)) return;
    const text = this.#lines(count);
    for (const s of sockets) s.write(text);
    this.#due = target;
    this.sent += count;
  }

  /** One string for the whole batch: building many small lines by concatenation is the cheap part. */
  #lines(count: number): string {
    const base = nowMicros();
    let out = '';
    for (let i = 0; i < count; i++) {
      const us = base + i;
      const seconds = Math.floor(us / 1e6);
      const micro = us - seconds * 1e6;
      const n = this.sent + i;
      out +=
        n % 3 === 0
          ? `{"timestamp": {"seconds": ${seconds}, "microseconds": ${micro}}, "event": "BALLOON_CHANGE", "data": {"actual": ${1073741824 + (n % 1024) * 1048576}}}\r\n`
          : n % 3 === 1
            ? `{"timestamp": {"seconds": ${seconds}, "microseconds": ${micro}}, "event": "RTC_CHANGE", "data": {"offset": ${n % 7200}, "qom-path": "/machine/unattached/device[8]"}}\r\n`
            : `{"timestamp": {"seconds": ${seconds}, "microseconds": ${micro}}, "event": "NIC_RX_FILTER_CHANGED", "data": {"name": "net0", "path": "/machine/peripheral/net0/virtio-backend"}}\r\n`;
    }
    return out;
  }
}
