import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { once } from 'node:events';
import { bootSector, GUEST_READY } from './bootSector.js';
import { MonitoredQemu } from './qemuProcess.js';

export { QEMU_BINARY, qemuAvailable } from './qemuProcess.js';

/**
 * A real QEMU (TCG) with two QMP monitors: `watchSocket` for qmpscope and
 * `controlSocket` for the test, which drives QEMU like an operator would.
 * QEMU sends every event to every negotiated monitor, so what the test causes
 * on one monitor is what qmpscope must see on the other. The guest is the
 * boot sector of bootSector.ts, steered over COM1.
 */
export class QemuVm extends MonitoredQemu {
  readonly dir: string;
  readonly watchSocket: string;
  readonly controlSocket: string;
  readonly vncSocket: string;
  readonly serialSocket: string;
  private serial: net.Socket | null = null;
  /** When the guest last said it waits for a command (epoch ms), 0 when it has taken one since. */
  private guestReadyAt = 0;

  constructor(readonly name: string) {
    super();
    this.dir = mkdtempSync(join(tmpdir(), `qmpscope-qemu-${name}-`));
    this.watchSocket = join(this.dir, 'watch.qmp');
    this.controlSocket = join(this.dir, 'control.qmp');
    this.vncSocket = join(this.dir, 'vnc.sock');
    this.serialSocket = join(this.dir, 'serial.sock');
    writeFileSync(join(this.dir, 'boot.img'), bootSector());
  }

  /** Starts QEMU paused (-S): events start once the test says `cont`, after qmpscope has negotiated. */
  async start(): Promise<void> {
    const args = [
      '-S',
      '-no-shutdown',
      '-display',
      'none',
      '-nodefaults',
      '-machine',
      'pc',
      '-m',
      '64',
      '-name',
      `guest=${this.name}`,
      '-drive',
      `file=${join(this.dir, 'boot.img')},format=raw,if=ide`,
      '-vnc',
      `unix:${this.vncSocket}`,
      '-device',
      'qemu-xhci,id=xhci',
      '-chardev',
      `socket,id=ser0,path=${this.serialSocket},server=on,wait=off`,
      '-serial',
      'chardev:ser0',
      '-qmp',
      `unix:${this.watchSocket},server=on,wait=off`,
      '-qmp',
      `unix:${this.controlSocket},server=on,wait=off`,
    ];
    await this.qemu.start(args, this.controlSocket, [this.watchSocket, this.controlSocket, this.vncSocket, this.serialSocket]);
    // Listen to the guest's serial port before it runs, so its first "ready" is not missed.
    this.guestReadyAt = 0;
    const serial = net.connect(this.serialSocket);
    await once(serial, 'connect');
    serial.on('data', (chunk: Buffer) => {
      if (chunk.includes(GUEST_READY)) this.guestReadyAt = Date.now();
    });
    this.serial = serial;
  }

  /**
   * Waits until the boot sector said "ready" after the last reset. Measured
   * here: a reset while SeaBIOS is still in POST hangs the firmware about half
   * the time, so tests let each boot finish before resetting again.
   */
  async waitGuestReady(timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const lastReset = this.controlEvents.filter((ev) => ev.event === 'RESET' || ev.event === 'WAKEUP').at(-1)?.receivedAt ?? 0;
      if (this.guestReadyAt > lastReset) return;
      if (Date.now() > deadline) throw new Error(`the guest did not say "ready" on its serial port within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Sends one command byte to the boot sector (see bootSector.ts) once it is ready: a byte sent during POST is lost. */
  async tellGuest(byte: string, timeoutMs = 20_000): Promise<void> {
    await this.waitGuestReady(timeoutMs);
    this.guestReadyAt = 0;
    this.serial?.write(byte);
  }

  /** kill -9, as when QEMU crashes. */
  async kill(): Promise<void> {
    this.serial?.destroy();
    this.serial = null;
    await this.qemu.kill();
  }

  async dispose(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
