import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classifyMessage, QmpFramer } from '@qmpscope/qmp';
import { childPath } from './childPath.js';
import type { Figure } from './figure.js';
import { BLOCK_LINES, BLOCK_START_MICROS, qmpEventBlock } from './qmpLines.js';

/**
 * Case 1: QMP lines from another process over a real unix socket through QmpFramer (split + exact
 * JSON parse) and classifyMessage (validation into a QmpEvent), as every VM session does.
 * Ceiling: bare JSON.parse of the same lines, already split, in this process.
 */
export async function ingestCase(blocks: number): Promise<Figure[]> {
  const received = await throughSocket(blocks);
  const ceiling = bareJsonParse(blocks);
  const total = blocks * BLOCK_LINES;
  if (received.events !== total) throw new Error(`ingest case: expected ${total} events, the framer produced ${received.events}`);
  const value = total / received.seconds;
  return [
    {
      case: '1 ingest',
      name: 'unix socket -> QmpFramer -> classifyMessage',
      value,
      unit: 'ev/s',
      ceiling: { value: total / ceiling, what: 'bare JSON.parse' },
      target: { value: 1_500_000, higherIsBetter: true },
      note: `${total.toLocaleString('en-US')} events from a child process; ratio target >= 0.60`,
    },
  ];
}

/** What QmpClient reads into (a shared buffer, handed to the framer read by read): the same here. */
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);

async function throughSocket(blocks: number): Promise<{ events: number; seconds: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'qmpscope-bench-ingest-'));
  const path = join(dir, 'qmp.sock');
  const child = spawn(process.execPath, [childPath('lineWriter'), path, String(blocks)], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    return await new Promise((resolve, reject) => {
      child.on('exit', (code) => {
        if (code !== 0) reject(new Error(`ingest case: the line writer exited with code ${code}`));
      });
      child.stdout.once('data', () => {
        let events = 0;
        let invalid = 0;
        let start = 0;
        const framer = new QmpFramer({
          onMessage: (m) => {
            if (classifyMessage(m, 0).type === 'event') events++;
            else invalid++;
          },
          onIssue: (issue) => reject(new Error(`ingest case: framer reported ${issue.message}`)),
        });
        // Read as every VM session reads its QMP socket (QmpClient): into one buffer, straight to the framer.
        const socket = net.createConnection({
          path,
          onread: {
            buffer: READ_BUFFER,
            callback: (n: number, buf: Uint8Array): boolean => {
              if (start === 0) start = performance.now();
              framer.push(buf.subarray(0, n));
              return true;
            },
          },
        });
        socket.on('error', (err) => reject(new Error(`ingest case: ${err.message}`)));
        socket.on('end', () => {
          const seconds = (performance.now() - start) / 1000;
          socket.destroy();
          if (invalid > 0) reject(new Error(`ingest case: ${invalid} messages were not events`));
          else resolve({ events, seconds });
        });
      });
    });
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Seconds to JSON.parse every line of `blocks` blocks (split beforehand, so only parsing is timed). */
function bareJsonParse(blocks: number): number {
  const lines = qmpEventBlock(BLOCK_LINES, BLOCK_START_MICROS)
    .split('\n')
    .filter((l) => l !== '');
  let sink = 0;
  const start = performance.now();
  for (let b = 0; b < blocks; b++) {
    for (const line of lines) sink += (JSON.parse(line) as { timestamp: { microseconds: number } }).timestamp.microseconds & 1;
  }
  const seconds = (performance.now() - start) / 1000;
  if (sink < 0) throw new Error('unreachable: keeps the parse from being optimised away');
  return seconds;
}
