import net from 'node:net';

export const GREETING = '{"QMP": {"version": {"qemu": {"micro": 0, "minor": 2, "major": 7}, "package": ""}, "capabilities": []}}\r\n';
/** A QMP timestamp member for now. */
export const qmpTimestamp = (): string => `{"seconds": ${Math.floor(Date.now() / 1000)}, "microseconds": 0}`;

/** A QMP peer that negotiates like QEMU, then hands the socket to `after` (per connection number). */
export function hostilePeer(
  opts: { greet?: boolean; read?: boolean },
  after: (socket: net.Socket, connection: number) => void,
): Promise<{ target: string; connections: () => number; close: () => void }> {
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    const n = connections++;
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    if (opts.read === false) socket.pause();
    if (opts.greet === false) return;
    socket.write(GREETING);
    if (opts.read === false) return;
    let buf = '';
    let negotiated = false;
    socket.on('data', (chunk) => {
      buf += chunk.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const msg = JSON.parse(buf.slice(0, nl)) as { execute: string; id?: unknown };
        buf = buf.slice(nl + 1);
        const ret =
          msg.execute === 'query-status'
            ? { status: 'running', singlestep: false, running: true }
            : msg.execute === 'query-version'
              ? { qemu: { micro: 0, minor: 2, major: 7 }, package: '' }
              : {};
        socket.write(JSON.stringify({ return: ret, id: msg.id }) + '\r\n');
        if (msg.execute === 'query-version' && !negotiated) {
          negotiated = true;
          after(socket, n);
        }
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        target: `tcp:127.0.0.1:${(server.address() as net.AddressInfo).port}`,
        connections: () => connections,
        close: () => {
          for (const s of sockets) s.destroy();
          server.close();
        },
      }),
    ),
  );
}
