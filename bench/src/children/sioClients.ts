/**
 * Child process: N socket.io clients of the bridge, live from "now" (subscribe {after: null}).
 * Usage (via fork): sioClients URL N. Each counts the events it gets; client 0 also records the
 * latency from QEMU's timestamp (the moment the simulator wrote the line) to its arrival here.
 * Messages in: 'report' -> {clients: [{firstAfter, received, maxSeq}], latencyMs, bridgeMs, written} (samples reset).
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents, StoredEvent } from '@qmpscope/events';

const [url, nArg] = process.argv.slice(2);
const n = Number(nArg);
if (url === undefined || !(n > 0) || !process.send) {
  process.stderr.write('usage: fork(sioClients, [URL, N])\n');
  process.exit(2);
}
const send = (msg: unknown): void => void process.send?.(msg);
const nowMicros = (): number => (performance.timeOrigin + performance.now()) * 1000;

interface Tally {
  firstAfter: number;
  received: number;
  maxSeq: number;
  connects: number;
}
const tallies: Tally[] = [];
let latencyMs: number[] = [];
/** From the bridge reading the line (its `receivedAt`) to here: the bridge's part of latencyMs. */
let bridgeMs: number[] = [];
/** seq -> QEMU timestamp in µs, for the pixel latency measured in the browser. */
let written = new Map<number, number>();
const sockets: Socket<ServerToClientEvents, ClientToServerEvents>[] = [];

let subscribed = 0;
for (let i = 0; i < n; i++) {
  const tally: Tally = { firstAfter: -1, received: 0, maxSeq: 0, connects: 0 };
  tallies.push(tally);
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, { transports: ['websocket'] });
  sockets.push(socket);
  socket.on('connect', () => {
    tally.connects++;
    // Like the dashboard: a reconnect resumes after the last seq held, so nothing is skipped.
    socket.emit('subscribe', { after: tally.connects === 1 ? null : tally.maxSeq }, (ack) => {
      if (!ack.ok) throw new Error(`subscribe refused: ${ack.error ?? '?'}`);
      if (tally.connects > 1) return;
      tally.firstAfter = ack.lastSeq;
      tally.maxSeq = ack.lastSeq;
      if (++subscribed === n) send({ ready: true });
    });
  });
  socket.on('events', (batch: StoredEvent[]) => {
    const now = nowMicros();
    for (const e of batch) {
      if (e.seq <= tally.maxSeq) continue;
      tally.received++;
      tally.maxSeq = e.seq;
      if (i === 0) {
        const ts = e.timestamp.seconds * 1e6 + e.timestamp.microseconds;
        latencyMs.push((now - ts) / 1000);
        bridgeMs.push(now / 1000 - e.receivedAt);
        written.set(e.seq, ts);
      }
    }
  });
}

process.on('message', (msg) => {
  if (msg === 'report') {
    send({ clients: tallies, latencyMs, bridgeMs, written: [...written] });
    latencyMs = [];
    bridgeMs = [];
    written = new Map();
  } else if (msg === 'stop') {
    for (const s of sockets) s.close();
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
