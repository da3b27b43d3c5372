import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MonitoredQemu, QEMU_BINARY, qemuAvailable } from './qemuProcess.js';
import { repoRoot } from './bridgeProcess.js';
import { GuestConsole, type GuestCommandResult } from './guestConsole.js';

const buildScript = join(repoRoot, 'e2e/guest/build-guest.sh');
export const guestCache = process.env.QMPSCOPE_GUEST_CACHE ?? join(repoRoot, 'e2e/.cache/guest');

export interface GuestImage {
  kernel: string;
  initrd: string;
}

/**
 * Builds (or finds in the cache) the test guest; returns why it cannot when
 * this machine lacks QEMU or the Debian packages the guest is made from.
 */
export function prepareGuest(): GuestImage | { missing: string } {
  if (!qemuAvailable) return { missing: `${QEMU_BINARY} (apt-get install qemu-system-x86)` };
  try {
    execFileSync('bash', [buildScript], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, QMPSCOPE_GUEST_CACHE: guestCache } });
  } catch (err) {
    const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim();
    return { missing: stderr || String(err) };
  }
  return { kernel: join(guestCache, 'vmlinuz'), initrd: join(guestCache, 'initrd.gz') };
}

export interface GuestVmOptions {
  /** QEMU's -action watchdog=: what the i6300esb does when the guest stops feeding it. */
  watchdogAction?: 'pause' | 'reset' | 'shutdown' | 'poweroff' | 'none' | 'debug' | 'inject-nmi';
  /** Extra QEMU arguments, appended last. */
  extraArgs?: string[];
}

/**
 * A real Linux guest (Debian's kernel + busybox, see e2e/guest/) in QEMU (TCG)
 * with the devices whose drivers make QEMU emit guest-side events: virtio
 * balloon, pvpanic, i6300esb watchdog, a named virtio-serial port, virtio-net,
 * the CMOS RTC, ACPI S3/S4, memory hotplug slots, and a SPICE server. Like QemuVm it has two QMP
 * monitors: `watchSocket` for qmpscope, `controlSocket` for the test; and the
 * serial console runs shell commands in the guest.
 */
export class GuestVm extends MonitoredQemu {
  readonly dir: string;
  readonly watchSocket: string;
  readonly controlSocket: string;
  readonly consoleSocket: string;
  readonly vportSocket: string;
  /** SPICE server on a unix socket, no ticket: e2e/harness/spiceLink.ts links to it. */
  readonly spiceSocket: string;
  /** The virtio-serial port's name in the guest and its qdev id (QEMU's VSERPORT_CHANGE.id). */
  static readonly vportName = 'org.qmpscope.test';
  static readonly vportId = 'vsport0';
  console: GuestConsole | null = null;

  constructor(
    readonly name: string,
    private readonly image: GuestImage,
    private readonly options: GuestVmOptions = {},
  ) {
    super();
    this.dir = mkdtempSync(join(tmpdir(), `qmpscope-guest-${name}-`));
    this.watchSocket = join(this.dir, 'watch.qmp');
    this.controlSocket = join(this.dir, 'control.qmp');
    this.consoleSocket = join(this.dir, 'console.sock');
    this.vportSocket = join(this.dir, 'vport.sock');
    this.spiceSocket = join(this.dir, 'spice.sock');
  }

  private args(): string[] {
    return [
      // -S: events only reach monitors that negotiated, so nothing runs until the test says `cont`.
      '-S',
      '-no-shutdown',
      '-nodefaults',
      '-display',
      'none',
      '-accel',
      'tcg',
      '-machine',
      'pc',
      '-smp',
      '1',
      // S4 (hibernation) fails at 256 MiB; slots/maxmem allow pc-dimm hotplug.
      '-m',
      '384M,slots=2,maxmem=1G',
      '-name',
      `guest=${this.name}`,
      '-action',
      `panic=pause,watchdog=${this.options.watchdogAction ?? 'pause'}`,
      '-kernel',
      this.image.kernel,
      '-initrd',
      this.image.initrd,
      // panic=0: after a panic the guest stays down, so the test sees QEMU's reaction alone.
      '-append',
      'console=ttyS0 quiet loglevel=1 panic=0 sysrq_always_enabled=1',
      '-rtc',
      'base=utc',
      '-chardev',
      `socket,id=con,path=${this.consoleSocket},server=on,wait=off`,
      '-serial',
      'chardev:con',
      '-device',
      'virtio-balloon-pci,id=balloon0',
      '-device',
      'pvpanic-pci,id=pvpanic0',
      '-device',
      'i6300esb,id=watchdog0',
      '-device',
      'virtio-serial-pci,id=vser0',
      '-chardev',
      `socket,id=vs0,path=${this.vportSocket},server=on,wait=off`,
      // Without an id= QEMU emits no VSERPORT_CHANGE for the port.
      '-device',
      `virtserialport,chardev=vs0,name=${GuestVm.vportName},id=${GuestVm.vportId}`,
      '-spice',
      `unix=on,addr=${this.spiceSocket},disable-ticketing=on`,
      '-netdev',
      'user,id=n0',
      '-device',
      'virtio-net-pci,netdev=n0,id=net0',
      '-qmp',
      `unix:${this.watchSocket},server=on,wait=off`,
      '-qmp',
      `unix:${this.controlSocket},server=on,wait=off`,
      ...(this.options.extraArgs ?? []),
    ];
  }

  /** Starts QEMU paused, connects the control monitor and the console. The guest boots on `boot()`. */
  async start(): Promise<void> {
    const sockets = [this.watchSocket, this.controlSocket, this.consoleSocket];
    await this.qemu.start(this.args(), this.controlSocket, sockets, [...sockets, this.vportSocket, this.spiceSocket]);
    // The console must be connected before the guest runs: QEMU drops output nobody reads.
    const guestConsole = new GuestConsole(this.consoleSocket);
    await guestConsole.connect();
    this.console = guestConsole;
  }

  /** `cont` from -S, then waits until the guest's shell loop is ready (about 5 s under TCG). */
  async boot(timeoutMs = 60_000): Promise<void> {
    const boots = this.requireConsole().boots;
    await this.execute('cont');
    await this.waitForBoot(boots + 1, timeoutMs);
  }

  /** Waits for the guest's `boot`-th READY marker (after a reset or reboot, QEMU restarts the guest). */
  waitForBoot(boot: number, timeoutMs = 60_000): Promise<void> {
    return this.requireConsole().waitForBoot(boot, timeoutMs);
  }

  get boots(): number {
    return this.requireConsole().boots;
  }

  /** Runs a shell command in the guest over the serial console. */
  run(command: string, timeoutMs = 20_000): Promise<GuestCommandResult> {
    return this.requireConsole().run(command, timeoutMs);
  }

  /** Runs a command and fails with its output unless it exits 0. */
  async runOk(command: string, timeoutMs = 20_000): Promise<string> {
    const result = await this.run(command, timeoutMs);
    if (result.exitCode !== 0) throw new Error(`guest command ${JSON.stringify(command)} exited ${result.exitCode}:\n${result.output}`);
    return result.output;
  }

  /** Sends a command the guest may never finish (suspend, panic, poweroff). */
  send(command: string): void {
    this.requireConsole().send(command);
  }

  /** kill -9, as when QEMU crashes. */
  async kill(): Promise<void> {
    this.console?.close();
    this.console = null;
    await this.qemu.kill();
  }

  async dispose(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }

  protected override context(): string {
    return `; console ended with:\n${this.console?.transcript.slice(-800) ?? ''}`;
  }

  private requireConsole(): GuestConsole {
    if (!this.console) throw new Error('the guest console is not connected: call start() first');
    return this.console;
  }
}
