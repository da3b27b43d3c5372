import net from 'node:net';
import { once } from 'node:events';

/**
 * The smallest RFB client that makes QEMU emit VNC_CONNECTED, VNC_INITIALIZED
 * and (on close) VNC_DISCONNECTED: version handshake, security type None,
 * ClientInit, then read ServerInit.
 */
export async function vncHandshake(socketPath: string): Promise<{ close: () => Promise<void>; width: number; height: number }> {
  const sock = net.connect(socketPath);
  await once(sock, 'connect');
  const reader = byteReader(sock);
  const version = await reader(12);
  if (!version.toString('latin1').startsWith('RFB 003.'))
    throw new Error(`not an RFB server: ${JSON.stringify(version.toString('latin1'))}`);
  sock.write(version);
  const count = (await reader(1))[0] ?? 0;
  const types = [...(await reader(count))];
  if (!types.includes(1))
    throw new Error(`VNC server offers no "None" security (offers ${types.join(',')}): start QEMU with -vnc ...,password=off`);
  sock.write(Buffer.from([1]));
  const result = (await reader(4)).readUInt32BE(0);
  if (result !== 0) throw new Error(`VNC security handshake failed (${result})`);
  sock.write(Buffer.from([1])); // ClientInit, shared
  const init = await reader(24);
  const nameLength = init.readUInt32BE(20);
  await reader(nameLength);
  return {
    width: init.readUInt16BE(0),
    height: init.readUInt16BE(2),
    close: async () => {
      sock.end();
      sock.destroy();
      await once(sock, 'close');
    },
  };
}

function byteReader(sock: net.Socket): (n: number) => Promise<Buffer> {
  let buffered = Buffer.alloc(0);
  const waiters: Array<() => void> = [];
  sock.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    waiters.splice(0).forEach((wake) => wake());
  });
  return async (n) => {
    while (buffered.length < n) {
      if (sock.destroyed) throw new Error('VNC server closed the connection during the handshake');
      await new Promise<void>((resolve, reject) => {
        waiters.push(resolve);
        sock.once('close', () => reject(new Error('VNC server closed the connection during the handshake')));
      });
    }
    const out = buffered.subarray(0, n);
    buffered = buffered.subarray(n);
    return out;
  };
}
