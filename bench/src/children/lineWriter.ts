/**
 * Child process of the ingest case: listens on the unix socket given, as QEMU's monitor does, and
 * writes `blocks` copies of the QMP line block to the first connection as fast as it takes them,
 * then closes. Prints "listening" on stdout once the socket is ready. Usage: lineWriter SOCKET BLOCKS
 */
import net from 'node:net';
import { BLOCK_LINES, BLOCK_START_MICROS, qmpEventBlock } from '../qmpLines.js';

const [path, blocksArg] = process.argv.slice(2);
const blocks = Number(blocksArg);
if (path === undefined || !(blocks > 0)) {
  process.stderr.write('usage: lineWriter SOCKET BLOCKS\n');
  process.exit(2);
}
const block = Buffer.from(qmpEventBlock(BLOCK_LINES, BLOCK_START_MICROS));
const server = net.createServer((socket) => {
  server.close();
  let left = blocks;
  const pump = (): void => {
    while (left > 0) {
      left--;
      if (!socket.write(block)) {
        socket.once('drain', pump);
        return;
      }
    }
    socket.end();
  };
  socket.on('error', (err) => {
    process.stderr.write(`lineWriter: ${err.message}\n`);
    process.exit(1);
  });
  pump();
});
server.on('error', (err) => {
  process.stderr.write(`lineWriter: ${err.message}\n`);
  process.exit(1);
});
server.listen(path, () => process.stdout.write('listening\n'));
