import { WebSocket } from 'ws';

/**
 * socket.io packets written by hand, the way an attacker sends them: socket.io-client's own
 * encoder would refuse or crash on much of what a fuzz test needs to send (deep nesting, bad
 * packets), so these speak engine.io v4 directly over either transport.
 */
export type Transport = 'websocket' | 'polling';

export interface RawResult {
  /** The server closed this client after the packets (it refused one). */
  closed: boolean;
  /** Text packets the server sent back (acks start with `43`). */
  received: string[];
}

const PACKET_SEPARATOR = '\x1e';

/** Connects, joins the main namespace, sends `packets` (socket.io text packets such as `42["subscribe",{}]`), and reports what came back within `settleMs`. */
export function sendRaw(baseUrl: string, transport: Transport, packets: (string | Buffer)[], settleMs = 300): Promise<RawResult> {
  return transport === 'websocket' ? viaWebSocket(baseUrl, packets, settleMs) : viaPolling(baseUrl, packets, settleMs);
}

function viaWebSocket(baseUrl: string, packets: (string | Buffer)[], settleMs: number): Promise<RawResult> {
  return new Promise((resolve, reject) => {
    const received: string[] = [];
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
    let timer: NodeJS.Timeout | null = null;
    const finish = (closed: boolean): void => {
      if (timer) clearTimeout(timer);
      ws.removeAllListeners();
      ws.on('error', () => {});
      if (!closed) ws.close();
      resolve({ closed, received });
    };
    ws.on('error', (err) => reject(err));
    ws.on('close', () => finish(true));
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      const text = isBinary ? '<binary>' : data.toString();
      received.push(text);
      if (text.startsWith('0')) ws.send('40');
      else if (text === '2') ws.send('3');
      else if (text.startsWith('40')) {
        for (const p of packets) ws.send(p);
        timer = setTimeout(() => finish(false), settleMs);
      }
    });
  });
}

async function viaPolling(baseUrl: string, packets: (string | Buffer)[], settleMs: number): Promise<RawResult> {
  const received: string[] = [];
  const base = `${baseUrl}/socket.io/?EIO=4&transport=polling`;
  const open = await (await fetch(base)).text();
  const sid = (JSON.parse(open.slice(1)) as { sid: string }).sid;
  const url = `${base}&sid=${encodeURIComponent(sid)}`;
  const post = async (body: string): Promise<boolean> => {
    const res = await fetch(url, { method: 'POST', body, headers: { 'Content-Type': 'text/plain;charset=UTF-8' } });
    await res.text();
    return res.ok;
  };
  await post('40');
  received.push(...(await (await fetch(url)).text()).split(PACKET_SEPARATOR));
  // engine.io polling carries binary as base64 packets ("b" prefix).
  const encoded = packets.map((p) => (typeof p === 'string' ? p : `b${p.toString('base64')}`));
  let closed = !(await post(encoded.join(PACKET_SEPARATOR)));
  if (!closed) {
    // A closed session answers 400 (unknown sid) or a close packet ("1"); an open one with nothing
    // to send holds the poll until its ping, so a poll still pending after settleMs means open.
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(settleMs) });
      const text = await res.text();
      received.push(...text.split(PACKET_SEPARATOR));
      closed = !res.ok || text.split(PACKET_SEPARATOR).includes('1');
    } catch (err) {
      if ((err as Error).name !== 'TimeoutError') throw err;
    }
  }
  if (!closed) await post('1');
  return { closed, received };
}
