import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GuestImage } from './guestVm.js';
import { GuestConsole } from './guestConsole.js';
import { LIBVIRT_URI, VIRSH, virsh } from './libvirtDaemon.js';

/** Every domain the tests define starts with this, so a run can remove what a killed run left. */
export const TEST_DOMAIN_PREFIX = 'qmpscope-e2e';

export interface LibvirtGuestOptions {
  /** Give QEMU a second QMP monitor for qmpscope's `--vm` (a test-only `<qemu:commandline>`). */
  qmpMonitor?: boolean;
}

/**
 * The project's test guest (e2e/guest/) as a libvirt TCG domain: `<domain type='qemu'>` with a
 * virtio balloon, a virtio NIC (user networking), an i6300esb watchdog (action pause), an ISA
 * pvpanic (on_crash preserve), S3 and S4, a named virtio-serial channel and its serial console on a unix socket, which GuestConsole drives
 * like the QEMU-launched guest's.
 */
export class LibvirtGuest {
  readonly dir: string;
  readonly consoleSocket: string;
  readonly qmpSocket: string;
  /** A virtio-serial port (a libvirt channel) the guest opens and closes: VSERPORT_CHANGE. */
  readonly vportSocket: string;
  static readonly vportName = 'org.qmpscope.test';
  /** The channel's alias, which libvirt gives QEMU as the port's id (VSERPORT_CHANGE.id). */
  static readonly vportId = 'ua-vport';
  console: GuestConsole | null = null;

  constructor(
    readonly name: string,
    private readonly image: GuestImage,
    private readonly options: LibvirtGuestOptions = {},
  ) {
    this.dir = mkdtempSync(join(tmpdir(), 'qmpscope-libvirt-'));
    // QEMU runs as libvirt-qemu: it must create its sockets here and read the kernel.
    chmodSync(this.dir, 0o777);
    this.consoleSocket = join(this.dir, 'console.sock');
    this.qmpSocket = join(this.dir, 'watch.qmp');
    this.vportSocket = join(this.dir, 'vport.sock');
  }

  xml(): string {
    const kernel = join(this.dir, 'vmlinuz');
    const initrd = join(this.dir, 'initrd.gz');
    const qmp = this.options.qmpMonitor
      ? `<qemu:commandline><qemu:arg value='-qmp'/><qemu:arg value='unix:${this.qmpSocket},server=on,wait=off'/></qemu:commandline>`
      : '';
    return `<domain type='qemu' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>
  <name>${escapeXml(this.name)}</name>
  <memory unit='MiB'>384</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>${kernel}</kernel>
    <initrd>${initrd}</initrd>
    <cmdline>console=ttyS0 quiet loglevel=1 panic=0 sysrq_always_enabled=1</cmdline>
  </os>
  <features><acpi/></features>
  <clock offset='utc'/>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <on_crash>preserve</on_crash>
  <pm><suspend-to-mem enabled='yes'/><suspend-to-disk enabled='yes'/></pm>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <serial type='unix'><source mode='bind' path='${this.consoleSocket}'/><target port='0'/></serial>
    <channel type='unix'><source mode='bind' path='${this.vportSocket}'/><target type='virtio' name='${LibvirtGuest.vportName}'/><alias name='ua-vport'/></channel>
    <interface type='user'><model type='virtio'/></interface>
    <memballoon model='virtio'/>
    <watchdog model='i6300esb' action='pause'/>
    <panic model='isa'/>
  </devices>
  ${qmp}
</domain>
`;
  }

  async define(): Promise<void> {
    copyFileSync(this.image.kernel, join(this.dir, 'vmlinuz'));
    copyFileSync(this.image.initrd, join(this.dir, 'initrd.gz'));
    const file = join(this.dir, 'domain.xml');
    writeFileSync(file, this.xml());
    await virsh('define', file);
  }

  /** `virsh start --paused`, then the console is connected before anything runs (QEMU drops output nobody reads). */
  async startPaused(): Promise<void> {
    await virsh('start', '--paused', '--domain', this.name);
    this.console?.close();
    const guestConsole = new GuestConsole(this.consoleSocket);
    await guestConsole.connect();
    this.console = guestConsole;
  }

  requireConsole(): GuestConsole {
    if (!this.console) throw new Error('the guest console is not connected: call startPaused() first');
    return this.console;
  }

  async dispose(): Promise<void> {
    this.console?.close();
    this.console = null;
    await removeDomain(this.name);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Destroys (if running) and undefines a domain; quiet when it does not exist. */
export async function removeDomain(name: string): Promise<void> {
  await virsh('destroy', '--domain', name).catch(() => undefined);
  await virsh('undefine', '--domain', name).catch(() => undefined);
}

/** Removes the test domains a killed run left behind. */
export async function removeStaleTestDomains(): Promise<void> {
  const names = (await virsh('list', '--all', '--name')).split('\n').filter((n) => n.startsWith(TEST_DOMAIN_PREFIX));
  for (const name of names) await removeDomain(name);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;').replace(/"/g, '&quot;');
}

export interface RecordedEvent {
  event: string;
  timestamp: { seconds: number; microseconds: number };
  data?: unknown;
}

/**
 * An independent recording of one domain's QMP events: `virsh qemu-monitor-event --loop --domain D`,
 * parsed here with its own few lines (not the bridge's parser), what the bridge must hold exactly.
 * It ends when libvirtd goes away; `restart()` starts a new one.
 */
export class MonitorEventRecorder {
  readonly events: RecordedEvent[] = [];
  private child: ChildProcess | null = null;
  private buffered = '';
  private closed = false;

  constructor(private readonly domain: string) {}

  start(): void {
    const child = spawn(VIRSH, ['-c', LIBVIRT_URI, 'qemu-monitor-event', '--loop', '--domain', this.domain], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (text: string) => {
      this.buffered += text;
      const lines = this.buffered.split('\n');
      this.buffered = lines.pop() ?? '';
      for (const line of lines) this.record(line);
    });
    // 'close', not 'exit': 'exit' can come before the last lines virsh printed have been read.
    child.on('close', () => {
      this.closed = true;
    });
    this.child = child;
  }

  /** False once virsh has ended and everything it printed has been recorded. */
  get running(): boolean {
    return this.child !== null && !this.closed;
  }

  private record(line: string): void {
    const prefix = /^event (\S+) at (\d+)\.(\d{6}) for domain '/.exec(line);
    if (!prefix) return;
    const tail = line.slice(prefix[0].length + this.domain.length);
    if (!tail.startsWith("': ")) throw new Error(`recorder: unexpected line ${line}`);
    const data = tail.slice(3);
    const ev: RecordedEvent = { event: prefix[1]!, timestamp: { seconds: Number(prefix[2]), microseconds: Number(prefix[3]) } };
    if (data !== '<null>') ev.data = JSON.parse(data) as unknown;
    this.events.push(ev);
  }

  async waitFor(event: string, from = 0, pred: (ev: RecordedEvent) => boolean = () => true, timeoutMs = 60_000): Promise<RecordedEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.slice(from).find((ev) => ev.event === event && pred(ev));
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(
          `libvirt did not deliver ${event} within ${timeoutMs} ms; seen: ${
            this.events
              .slice(from)
              .map((e) => e.event)
              .join(', ') || 'nothing'
          }`,
        );
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  stop(): void {
    if (this.running) this.child?.kill('SIGTERM');
    this.child = null;
  }
}
