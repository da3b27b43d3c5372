import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FloodWriter } from './flood.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

/** A unix socket pair: the simulator's side and a reader that starts paused (a reader that is behind). */
async function pair(): Promise<{ writer: net.Socket; reader: net.Socket; read: () => number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qmp-flood-'));
  const sock = path.join(dir, 'flood.sock');
  const accepted = new Promise<net.Socket>((resolve) => {
    const server = net.createServer(resolve).listen(sock);
    cleanups.push(() => {
      server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });
  });
  const reader = net.createConnection({ path: sock });
  let lines = 0;
  reader.on('data', (chunk: Buffer) => {
    for (const b of chunk) if (b === 10) lines++;
  });
  reader.pause();
  const writer = await accepted;
  cleanups.push(() => {
    writer.destroy();
    reader.destroy();
  });
  return { writer, reader, read: () => lines };
}

describe('FloodWriter', () => {
  it('starts at its phase within the first event interval: writers started together do not send together', async () => {
    const early = await pair();
    const late = await pair();
    early.reader.resume();
    late.reader.resume();
    // 2 events/s: a 500 ms interval. Phase 0.9 sends its first at ~50 ms, phase 0.1 at ~450 ms.
    const a = new FloodWriter(2, () => [early.writer], 0.9);
    const b = new FloodWriter(2, () => [late.writer], 0.1);
    cleanups.push(
      () => a.stop(),
      () => b.stop(),
    );
    a.start();
    b.start();
    await new Promise((r) => setTimeout(r, 250));
    expect(a.sent).toBe(1);
    expect(b.sent).toBe(0);
    await new Promise((r) => setTimeout(r, 350));
    expect(b.sent).toBe(1);
    expect(() => new FloodWriter(2, () => [], 1)).toThrow(/phase/);
  });

  it('stops producing while a reader is behind, so unread output stays small; resumes after', async () => {
    const { writer, reader, read } = await pair();
    const flood = new FloodWriter(200_000, () => [writer]);
    cleanups.push(() => flood.stop());
    flood.start();
    await new Promise((r) => setTimeout(r, 400));
    // ~80,000 events offered in 400 ms; only what fits the kernel's socket buffers plus our small
    // cap (64 KB + one tick) may have been produced. The old 4 MB cap held ~30,000 events here.
    expect(read()).toBe(0);
    expect(flood.sent).toBeGreaterThan(0);
    expect(flood.sent).toBeLessThan(8_000);
    expect(writer.writableLength).toBeLessThan(512 * 1024); // one 10 ms tick at 200,000/s is ~300 KB
    reader.resume();
    const before = flood.sent;
    await new Promise((r) => setTimeout(r, 300));
    flood.stop();
    expect(flood.sent).toBeGreaterThan(before + 20_000); // producing again at the rate
    const end = Date.now() + 3000;
    while (read() < flood.sent && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    expect(read()).toBe(flood.sent); // every line produced was delivered
  });
});
