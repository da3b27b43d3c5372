/**
 * Child process of the ingest case: connects to the unix socket given and writes `blocks` copies of
 * the QMP line block as fast as the socket takes them, then closes. Usage: lineWriter SOCKET BLOCKS
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
const socket = net.connect(path, () => {
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
  pump();
});
socket.on('error', (err) => {
  process.stderr.write(`lineWriter: ${err.message}\n`);
  process.exit(1);
});
