import net from 'node:net';
import { once } from 'node:events';

/** What one command printed on the guest console, and the shell's exit code. */
export interface GuestCommandResult {
  output: string;
  exitCode: number;
}

const READY = '@@READY@@';

/**
 * The host end of e2e/guest/init.sh's command loop, over QEMU's serial chardev.
 * The guest reads "<id> <command>" lines and answers with the command's output
 * then "@@DONE <id> <exit code>@@"; after every boot it prints "@@READY@@".
 */
export class GuestConsole {
  private socket: net.Socket | null = null;
  private nextId = 1;
  /** Everything the console printed, \r removed: the first place to look when a test fails. */
  transcript = '';
  private readyCount = 0;
  private readonly waiters = new Set<() => void>();

  constructor(private readonly path: string) {}

  async connect(): Promise<void> {
    const socket = net.connect(this.path);
    await once(socket, 'connect');
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      const text = chunk.replace(/\r/g, '');
      this.readyCount += countOf(this.transcript.slice(-READY.length) + text, READY) - countOf(this.transcript.slice(-READY.length), READY);
      this.transcript += text;
      for (const wake of this.waiters) wake();
    });
    this.socket = socket;
  }

  /** How many times the guest's init has reached its command loop: one per boot. */
  get boots(): number {
    return this.readyCount;
  }

  /** Waits for the guest's init to reach its command loop for the `boot`-th time. */
  async waitForBoot(boot: number, timeoutMs = 60_000): Promise<void> {
    await this.waitUntil(() => this.readyCount >= boot, timeoutMs, `the guest's boot #${boot} (READY marker)`);
  }

  /** Runs one shell command in the guest; resolves with its output once the guest says it finished. */
  async run(command: string, timeoutMs = 20_000): Promise<GuestCommandResult> {
    if (command.includes('\n')) throw new Error(`guest commands are single lines: ${JSON.stringify(command)}`);
    const id = this.send(command);
    const start = this.transcript.length;
    const marker = new RegExp(`@@DONE ${id} (\\d+)@@\\n`);
    let match: RegExpExecArray | null = null;
    await this.waitUntil(
      () => (match = marker.exec(this.transcript.slice(start))) !== null,
      timeoutMs,
      `the guest command ${JSON.stringify(command)}`,
    );
    const found = match as RegExpExecArray | null;
    if (!found) throw new Error('unreachable: marker vanished');
    // A command sent without waiting (send) may finish while this one runs: its marker is not output.
    const output = this.transcript.slice(start, start + found.index).replace(/@@DONE \d+ \d+@@\n/g, '');
    return { output, exitCode: Number(found[1]) };
  }

  /** Sends a command without waiting: for commands that stop the guest (suspend, panic, poweroff). */
  send(command: string): number {
    if (!this.socket) throw new Error('the guest console is not connected: call start() first');
    const id = this.nextId++;
    this.socket.write(`${id} ${command}\n`);
    return id;
  }

  close(): void {
    this.socket?.destroy();
    this.socket = null;
    for (const wake of this.waiters) wake();
  }

  private async waitUntil(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (done()) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; console ended with:\n${this.transcript.slice(-1500)}`));
      }, timeoutMs);
      const check = () => {
        if (!done()) {
          if (!this.socket) {
            clearTimeout(timer);
            this.waiters.delete(check);
            reject(new Error(`the guest console closed while waiting for ${what}`));
          }
          return;
        }
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
    });
  }
}

function countOf(text: string, needle: string): number {
  return text.split(needle).length - 1;
}
