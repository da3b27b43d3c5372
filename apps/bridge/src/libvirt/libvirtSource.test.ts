import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { QmpEvent } from '@qmpscope/qmp';
import { MemoryLog } from '../log/memoryLog.js';
import { LibvirtSource, type LibvirtSourceOptions } from './libvirtSource.js';

const dir = mkdtempSync(join(tmpdir(), 'qmpscope-virsh-'));
const virshAvailable = existsSync('/usr/bin/virsh');

/**
 * A stand-in for virsh: the read-only queries answer for one running domain `dom1`; the two event
 * loops run the given shell lines.
 */
function writeFakeVirsh(name: string, loops: { monitor: string; lifecycle: string }): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    `#!/bin/bash
shift 2
case "$1" in
  version) echo 'Running hypervisor: QEMU 7.2.22' ;;
  list) echo dom1 ;;
  domstate) echo running ;;
  qemu-monitor-event)
${loops.monitor} ;;
  event)
${loops.lifecycle} ;;
esac
`,
  );
  chmodSync(file, 0o755);
  return file;
}

/**
 * Prints what libvirt never would (a garbled line, a 200 kB line): the only way to feed the parser
 * bad input through the real process plumbing. Real virsh is tested below and in e2e/libvirt.test.ts.
 */
const fakeVirsh = writeFakeVirsh('virsh', {
  monitor: `    echo "event STOP at 100.000001 for domain 'dom1': <null>"
    echo 'complete garbage \x1b[31m'
    echo "event STOP at 100.000002 for domain 'dom1': {not json"
    head -c 200000 /dev/zero | tr '\\0' 'x'; echo
    printf "event BALLOON_CHANGE at 100.000003 for domain 'dom1': {\\"actual\\":1}\\n"
    exec sleep 60`,
  lifecycle: '    exec sleep 60',
});

/**
 * libvirtd going away as virsh sees it: the lifecycle loop ends at once, the monitor-event loop
 * still prints an event it had received, then ends too.
 */
const endingVirsh = writeFakeVirsh('virsh-ending', {
  monitor: `    echo "event STOP at 100.000001 for domain 'dom1': <null>"
    sleep 1
    echo "event RESUME at 100.000002 for domain 'dom1': <null>"
    echo 'error: Disconnected from qemu:///system due to end of file' >&2
    exit 1`,
  lifecycle: "    sleep 0.5; echo 'error: Disconnected from qemu:///system due to end of file' >&2; exit 1",
});

const started: LibvirtSource[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function startSource(opts: Partial<LibvirtSourceOptions> & { uri: string }) {
  const events: { vm: string; event: QmpEvent }[] = [];
  const log = new MemoryLog();
  const source = new LibvirtSource({
    maxLineBytes: 65_536,
    vmName: (d) => d,
    onDomain: () => {},
    onEvents: (vm, batch) => void events.push(...batch.map((event) => ({ vm, event }))),
    onChange: () => {},
    log,
    reconnect: { initialDelayMs: 50, maxDelayMs: 200 },
    ...opts,
  });
  started.push(source);
  source.start();
  return { source, events, warnings: log.records };
}

async function until<T>(probe: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('LibvirtSource', () => {
  it('survives malformed and over-long lines from virsh, says so, and reads the good lines around them', async () => {
    const { source, events, warnings } = startSource({ uri: 'qemu:///system', virsh: fakeVirsh });
    await until(() => (events.length >= 2 ? true : undefined), 'two events');
    expect(events.map((e) => [e.vm, e.event.event, e.event.timestamp.microseconds, e.event.data])).toEqual([
      ['dom1', 'STOP', 1, undefined],
      ['dom1', 'BALLOON_CHANGE', 3, { actual: 1 }],
    ]);
    expect(warnings.filter((w) => w.msg === 'ignored a line from virsh')).toHaveLength(2);
    expect(warnings.filter((w) => w.msg === 'dropped a line from virsh longer than the limit').map((w) => w.fields['bytes'])).toEqual([
      200000,
    ]);
    await until(() => (source.info().connection === 'connected' ? true : undefined), 'connected');
    expect(source.vms().map((vm) => vm.snapshot())).toMatchObject([
      { name: 'dom1', status: 'running', qemuVersion: '7.2.22', source: { kind: 'libvirt', domain: 'dom1' } },
    ]);
  });

  it('when libvirtd goes away, reads what the other virsh still prints before restarting it', async () => {
    const { events } = startSource({ uri: 'qemu:///system', virsh: endingVirsh });
    await until(
      () => (events.some((e) => e.event.event === 'RESUME') ? true : undefined),
      'the event printed after the lifecycle loop ended',
      8000,
    );
    expect(events.slice(0, 2).map((e) => e.event.event)).toEqual(['STOP', 'RESUME']);
  });

  it('without virsh, names the package to install and keeps retrying', async () => {
    const { source, warnings } = startSource({ uri: 'qemu:///system', virsh: join(dir, 'no-such-virsh') });
    const first = await until(() => (source.info().lastError !== null ? source.info() : undefined), 'a failure');
    expect(first.lastError).toBe(`${join(dir, 'no-such-virsh')} not found: install the libvirt client: apt-get install libvirt-clients`);
    await until(() => (source.info().connectionSince > first.connectionSince ? true : undefined), 'a retry');
    expect(warnings).toHaveLength(1);
  });

  it.skipIf(!virshAvailable)(
    "shows libvirt's own message for a URI it cannot reach, and for a driver without the monitor-event API",
    async () => {
      const refused = startSource({ uri: 'qemu+tcp://127.0.0.1:1/system' });
      const unsupported = startSource({ uri: 'test:///default' });
      await until(() => (refused.source.info().lastError !== null ? true : undefined), 'the refused connection');
      await until(() => (unsupported.source.info().lastError !== null ? true : undefined), 'the test driver');
      expect(refused.source.info()).toMatchObject({
        connection: expect.stringMatching(/disconnected|connecting/),
        lastError: expect.stringContaining("unable to connect to server at '127.0.0.1:1': Connection refused"),
      });
      expect(unsupported.source.info().lastError).toContain(
        'this function is not supported by the connection driver: virConnectDomainQemuMonitorEventRegister',
      );
    },
  );
});
