import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { QmpClient, type JsonObject, type JsonValue, type QmpEvent } from '@qmpscope/qmp';

export const QEMU_BINARY = process.env.QEMU_BINARY ?? '/usr/bin/qemu-system-x86_64';
export const qemuAvailable = existsSync(QEMU_BINARY);

/**
 * One QEMU process for the e2e tests and the test's own QMP monitor on it
 * (`controlSocket`), which drives QEMU like an operator would and records
 * every event QEMU sent: what qmpscope, on its own monitor, must also have.
 */
export class QemuProcess {
  /** Every event the control monitor received, across restarts. */
  readonly controlEvents: QmpEvent[] = [];
  stderr = '';
  private child: ChildProcess | null = null;
  private control: QmpClient | null = null;

  /** `context` adds to timeout messages what the test knows besides QMP (e.g. the guest console). */
  constructor(private readonly context: () => string = () => '') {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Spawns QEMU, waits for `sockets` to appear (`stale` ones, left by a killed QEMU, are removed first), connects the control monitor. */
  async start(args: string[], controlSocket: string, sockets: string[], stale: string[] = sockets): Promise<void> {
    for (const path of stale) rmSync(path, { force: true });
    this.stderr = '';
    const child = spawn(QEMU_BINARY, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    this.child = child;
    const deadline = Date.now() + 15_000;
    while (!sockets.every((path) => existsSync(path))) {
      if (child.exitCode !== null) throw new Error(`QEMU exited with ${child.exitCode}: ${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`QEMU did not open its sockets within 15 s: ${this.stderr}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    const control = new QmpClient({ target: `unix:${controlSocket}`, reconnect: false });
    const connected = new Promise<void>((resolve, reject) => {
      control.on('state', (change) => {
        if (change.state === 'connected') resolve();
        if (change.state === 'disconnected') reject(new Error(`control monitor: ${change.error ?? 'disconnected'}`));
      });
    });
    control.on('events', (batch) => {
      this.controlEvents.push(...batch);
    });
    control.start();
    await connected;
    this.control = control;
  }

  /** Runs a command on the control monitor. */
  execute<T = JsonValue>(command: string, args?: JsonObject): Promise<T> {
    if (!this.control) throw new Error('QEMU is not started');
    return this.control.execute<T>(command, args);
  }

  /** Waits until the control monitor has seen `event` (optionally matching `pred`) after index `from`. */
  async waitForEvent(event: string, from = 0, pred: (ev: QmpEvent) => boolean = () => true, timeoutMs = 20_000): Promise<QmpEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.controlEvents.slice(from).find((ev) => ev.event === event && pred(ev));
      if (found) return found;
      if (Date.now() > deadline) {
        const seen = this.controlEvents
          .slice(from)
          .map((e) => e.event)
          .join(', ');
        throw new Error(`QEMU did not emit ${event} within ${timeoutMs} ms; seen: ${seen || 'nothing'}${this.context()}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** The events the control monitor saw after index `from`, named `event`. */
  eventsSince(from: number, event: string): QmpEvent[] {
    return this.controlEvents.slice(from).filter((ev) => ev.event === event);
  }

  /** kill -9, as when QEMU crashes. */
  async kill(): Promise<void> {
    const child = this.child;
    const control = this.control;
    this.control = null;
    await control?.stop();
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    }
    this.child = null;
  }
}

/**
 * What the test VMs (the boot-sector QemuVm, the Linux GuestVm) share: one QEMU process and
 * the test's own monitor on it.
 */
export abstract class MonitoredQemu {
  protected readonly qemu = new QemuProcess(() => this.context());

  get pid(): number | undefined {
    return this.qemu.pid;
  }

  get stderr(): string {
    return this.qemu.stderr;
  }

  /** Every event the control monitor received: what qmpscope must also have, exactly. */
  get controlEvents(): QmpEvent[] {
    return this.qemu.controlEvents;
  }

  /** Runs a command on the control monitor. */
  execute<T = JsonValue>(command: string, args?: JsonObject): Promise<T> {
    return this.qemu.execute<T>(command, args);
  }

  /** Waits until the control monitor has seen `event` (optionally matching `pred`) after index `from`. */
  waitForEvent(event: string, from = 0, pred: (ev: QmpEvent) => boolean = () => true, timeoutMs = 20_000): Promise<QmpEvent> {
    return this.qemu.waitForEvent(event, from, pred, timeoutMs);
  }

  /** The events the control monitor saw after index `from`, named `event`. */
  eventsSince(from: number, event: string): QmpEvent[] {
    return this.qemu.eventsSince(from, event);
  }

  /** What a timeout message adds besides QMP (e.g. the guest console). */
  protected context(): string {
    return '';
  }
}
