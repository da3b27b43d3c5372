/**
 * Half of QMP's events start in the guest: its balloon driver, its clock, its
 * watchdog, its panic notifier, its power management, its NIC filter, its
 * serial ports. Here a real Linux guest (e2e/guest/: Debian's kernel and
 * busybox) does each of these for real, steered over its serial console, while
 * the bridge watches QEMU; the test checks what QEMU sent on its own control
 * monitor, then that the bridge stored exactly that.
 * docs/EVENT-COVERAGE.md records the data QEMU 7.2 sent for each event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventsResponse, StoredEvent, VmsResponse } from '@qmpscope/events';
import type { JsonObject } from '@qmpscope/qmp';
import { GuestVm, prepareGuest } from './harness/guestVm.js';
import { BridgeProcess } from './harness/bridgeProcess.js';
import { waitFor } from './harness/waitFor.js';

const image = prepareGuest();
const missing = 'missing' in image ? image.missing : undefined;
if (missing) console.warn(`SKIPPED: the guest-event e2e tests need QEMU and a Debian kernel + busybox-static; CI installs them.\n${missing}`);

const MiB = 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(missing !== undefined)('a real Linux guest makes QEMU emit guest-side events', () => {
  let vm: GuestVm;
  let bridge: BridgeProcess;
  const vmInfo = async () => (await bridge.getJson<VmsResponse>('/api/vms')).vms.find((v) => v.name === 'guest');

  beforeAll(async () => {
    if ('missing' in image) return;
    vm = new GuestVm('e2e-guest', image);
    await vm.start();
    bridge = new BridgeProcess(['--vm', `guest=unix:${vm.watchSocket}`]);
    await bridge.start();
    // Events reach only monitors that finished negotiation: the guest starts once the bridge is connected.
    await waitFor('the bridge to connect to QEMU', async () => ((await vmInfo())?.connection === 'connected' ? true : undefined));
    await vm.boot();
  });

  afterAll(async () => {
    await bridge?.dispose();
    await vm?.dispose();
  });

  it('BALLOON_CHANGE: the guest balloon driver follows the host target down, then up', async () => {
    const mark = vm.controlEvents.length;
    await vm.execute('balloon', { value: 256 * MiB });
    await vm.waitForEvent('BALLOON_CHANGE', mark, (ev) => ev.data?.actual === 256 * MiB);
    await vm.execute('balloon', { value: 384 * MiB });
    await vm.waitForEvent('BALLOON_CHANGE', mark, (ev) => ev.data?.actual === 384 * MiB);
    const actuals = vm.eventsSince(mark, 'BALLOON_CHANGE').map((ev) => ev.data?.actual);
    // Rate-limited to one a second, the driver's progress arrives as several events, the last one exact.
    expect(actuals.length).toBeGreaterThanOrEqual(2);
    expect(actuals.every((a) => typeof a === 'number' && a >= 256 * MiB && a <= 400 * MiB)).toBe(true);
    expect(await vm.execute<JsonObject>('query-balloon')).toEqual({ actual: 384 * MiB });
  });

  it('RTC_CHANGE: the guest sets the CMOS clock 2030-01-01', async () => {
    const mark = vm.controlEvents.length;
    await vm.runOk('date -u -s "2030-01-01 00:00:00" >/dev/null && hwclock -w -u');
    const ev = await vm.waitForEvent('RTC_CHANGE', mark);
    // With -rtc base=utc the offset is guest RTC minus host clock, in seconds.
    const expected = Date.UTC(2030, 0, 1) / 1000 - ev.timestamp.seconds;
    expect(Math.abs(Number(ev.data?.offset) - expected)).toBeLessThan(30);
    expect(ev.data?.['qom-path']).toMatch(/^\/machine\//);
  });

  it('VSERPORT_CHANGE: the guest opens, then closes, the named virtio-serial port', async () => {
    const mark = vm.controlEvents.length;
    const port = (await vm.runOk(`grep -l '^${GuestVm.vportName}$' /sys/class/virtio-ports/*/name`)).trim().split('/')[4];
    expect(port).toMatch(/^vport\d+p\d+$/);
    // Held open 2 s: QEMU sends one VSERPORT_CHANGE a second per port, so the close is not merged away.
    await vm.runOk(`sleep 2 </dev/${port}`);
    const closed = await vm.waitForEvent('VSERPORT_CHANGE', mark, (ev) => ev.data?.open === false);
    expect(vm.eventsSince(mark, 'VSERPORT_CHANGE').map((ev) => ev.data)).toEqual([
      { id: GuestVm.vportId, open: true },
      { id: GuestVm.vportId, open: false },
    ]);
    expect(closed.data?.id).toBe(GuestVm.vportId);
  });

  it('NIC_RX_FILTER_CHANGED: the guest changes its MAC, and after query-rx-filter re-arms it, goes promiscuous', async () => {
    const mark = vm.controlEvents.length;
    await vm.runOk('ip link set eth0 address 52:54:00:12:34:99 && ip link set eth0 up');
    await vm.waitForEvent('NIC_RX_FILTER_CHANGED', mark);
    const filters = await vm.execute<JsonObject[]>('query-rx-filter', { name: 'net0' });
    expect(filters[0]?.['main-mac']).toBe('52:54:00:12:34:99');
    const rearmed = vm.controlEvents.length;
    await vm.runOk('ip link set eth0 promisc on');
    const ev = await vm.waitForEvent('NIC_RX_FILTER_CHANGED', rearmed);
    expect(ev.data).toEqual({ name: 'net0', path: '/machine/peripheral/net0/virtio-backend' });
  });

  it('SUSPEND and WAKEUP: the guest enters S3 itself, the host wakes it', async () => {
    const mark = vm.controlEvents.length;
    vm.send('echo mem > /sys/power/state && echo woke-up');
    await vm.waitForEvent('SUSPEND', mark);
    expect((await vm.execute<JsonObject>('query-status')).status).toBe('suspended');
    await vm.execute('system_wakeup');
    const wakeup = await vm.waitForEvent('WAKEUP', mark);
    expect(wakeup).not.toHaveProperty('data');
    await waitFor('the guest to say it woke up', () => (vm.console?.transcript.includes('woke-up') ? true : undefined));
    expect((await vm.run('echo alive')).output).toBe('alive\n');
  });

  it('MIGRATION_PASS: several passes while the guest keeps dirtying memory', async () => {
    await vm.runOk('dd if=/dev/urandom of=/tmp/src bs=1M count=16 2>/dev/null');
    await vm.runOk('(while :; do cp /tmp/src /tmp/dst; done) & echo $! >/tmp/dirtier.pid');
    const mark = vm.controlEvents.length;
    await vm.execute('migrate-set-capabilities', { capabilities: [{ capability: 'events', state: true }] });
    // 20 MiB/s cannot send 16 MiB of dirty pages within the allowed downtime: the migration iterates.
    await vm.execute('migrate-set-parameters', { 'max-bandwidth': 20 * MiB });
    await vm.execute('migrate', { uri: 'exec:cat > /dev/null' });
    await vm.waitForEvent('MIGRATION_PASS', mark, (ev) => Number(ev.data?.pass) >= 3, 60_000);
    await vm.execute('migrate_cancel');
    await vm.waitForEvent('MIGRATION', mark, (ev) => ev.data?.status === 'cancelled');
    await vm.runOk('kill $(cat /tmp/dirtier.pid); rm /tmp/src /tmp/dst');
    expect(vm.eventsSince(mark, 'MIGRATION_PASS').map((ev) => ev.data?.pass).slice(0, 3)).toEqual([1, 2, 3]);
    expect(vm.eventsSince(mark, 'MIGRATION').map((ev) => ev.data?.status)).toEqual(['setup', 'active', 'cancelling', 'cancelled']);
  });

  it('ACPI_DEVICE_OST: the guest reports the outcome of a DIMM hotplug and unplug', async () => {
    const mark = vm.controlEvents.length;
    await vm.execute('object-add', { 'qom-type': 'memory-backend-ram', id: 'mem1', size: 128 * MiB });
    await vm.execute('device_add', { driver: 'pc-dimm', id: 'dimm1', memdev: 'mem1' });
    const inserted = await vm.waitForEvent('ACPI_DEVICE_OST', mark);
    // source 1 = ACPI device check (insert), status 0 = success.
    expect(inserted.data).toEqual({ info: { device: 'dimm1', source: 1, status: 0, slot: '0', 'slot-type': 'DIMM' } });
    const unplugMark = vm.controlEvents.length;
    // The kernel left the new memory offline, so it can eject it.
    await vm.execute('device_del', { id: 'dimm1' });
    await vm.waitForEvent('DEVICE_DELETED', unplugMark, (ev) => ev.data?.device === 'dimm1');
    const ejected = await vm.waitForEvent('ACPI_DEVICE_OST', unplugMark, (ev) => (ev.data?.info as JsonObject | undefined)?.status === 0);
    // source 3 = eject request; a first report (status 0x84, in progress) may come before.
    expect(ejected.data?.info).toMatchObject({ source: 3, status: 0, 'slot-type': 'DIMM' });
    await vm.execute('object-del', { id: 'mem1' });
  });

  it('QUORUM_REPORT_BAD and QUORUM_FAILURE: a quorum read with failing children (host side)', async () => {
    const mark = vm.controlEvents.length;
    const good = (name: string) => ({ driver: 'null-co', 'node-name': name, 'read-zeroes': true });
    // raw over blkdebug: raw's read fires blkdebug's read_aio event, which injects EIO.
    const bad = (name: string) => ({ driver: 'raw', 'node-name': name, file: { driver: 'blkdebug', image: good(`${name}-img`), 'inject-error': [{ event: 'read_aio', errno: 5 }] } });
    await vm.execute('blockdev-add', { driver: 'quorum', 'node-name': 'q-ok', 'vote-threshold': 2, children: [good('qa'), good('qb'), bad('qc')] });
    await vm.execute('blockdev-add', { driver: 'quorum', 'node-name': 'q-lost', 'vote-threshold': 2, children: [good('qd'), bad('qe'), bad('qf')] });
    await vm.execute('human-monitor-command', { 'command-line': 'qemu-io q-ok "read 0 512"' });
    await vm.execute('human-monitor-command', { 'command-line': 'qemu-io q-lost "read 0 512"' });
    const failure = await vm.waitForEvent('QUORUM_FAILURE', mark);
    expect(failure.data).toEqual({ reference: 'q-lost', 'sector-num': 0, 'sectors-count': 1 });
    const bads = vm.eventsSince(mark, 'QUORUM_REPORT_BAD').map((ev) => ev.data);
    expect(bads.map((d) => d?.['node-name']).sort()).toEqual(['qc', 'qe', 'qf']);
    expect(bads[0]).toMatchObject({ type: 'read', error: 'Input/output error', 'sector-num': 0, 'sectors-count': 1 });
  });

  it('WATCHDOG: the guest arms the i6300esb and stops feeding it; QEMU pauses the VM', async () => {
    const mark = vm.controlEvents.length;
    // Fed once on start, then every 600 s, with a 2 s timeout: it expires.
    await vm.runOk('watchdog -T 2 -t 600 /dev/watchdog');
    const ev = await vm.waitForEvent('WATCHDOG', mark, undefined, 30_000);
    expect(ev.data).toEqual({ action: 'pause' });
    await vm.waitForEvent('STOP', mark);
    expect((await vm.execute<JsonObject>('query-status')).status).toBe('watchdog');
    await vm.execute('cont');
    // SIGTERM makes busybox write the magic close character: the watchdog is disarmed.
    await vm.runOk('killall watchdog');
  });

  it('RESET with guest:true: the guest reboots itself', async () => {
    const mark = vm.controlEvents.length;
    const boots = vm.boots;
    vm.send('reboot -f');
    await vm.waitForBoot(boots + 1);
    // The firmware resets the machine again right after; we counted 2 to 5 RESETs per reboot, all the guest's.
    const resets = vm.eventsSince(mark, 'RESET').map((ev) => ev.data);
    expect(resets.length).toBeGreaterThanOrEqual(1);
    for (const data of resets) expect(data).toEqual({ guest: true, reason: 'guest-reset' });
  });

  it('GUEST_PANICKED: the kernel panics (sysrq c), pvpanic tells QEMU, which pauses the VM', async () => {
    const mark = vm.controlEvents.length;
    vm.send('echo c > /proc/sysrq-trigger');
    const ev = await vm.waitForEvent('GUEST_PANICKED', mark);
    expect(ev.data).toEqual({ action: 'pause' });
    await vm.waitForEvent('STOP', mark);
    expect((await vm.execute<JsonObject>('query-status')).status).toBe('guest-panicked');
    const boots = vm.boots;
    await vm.execute('system_reset');
    await vm.execute('cont');
    await vm.waitForBoot(boots + 1);
  });

  it('SUSPEND_DISK: the guest hibernates (S4) to a swap on its RAM disk', async () => {
    // 128 MiB of brd swap holds the image only when the kernel first frees all it can (image_size 0);
    // resume= names the swap hibernation writes to.
    await vm.runOk('mkswap /dev/ram0 >/dev/null && swapon /dev/ram0 && echo 1:0 > /sys/power/resume && echo 0 > /sys/power/image_size');
    const mark = vm.controlEvents.length;
    vm.send('echo disk > /sys/power/state');
    const ev = await vm.waitForEvent('SUSPEND_DISK', mark, undefined, 60_000);
    expect(ev).not.toHaveProperty('data');
    // S4 is a power-off for QEMU: SHUTDOWN from the guest, then STOP (-no-shutdown).
    expect((await vm.waitForEvent('SHUTDOWN', mark)).data).toEqual({ guest: true, reason: 'guest-shutdown' });
    await vm.waitForEvent('STOP', mark);
    const boots = vm.boots;
    await vm.execute('system_reset');
    await vm.execute('cont');
    await vm.waitForBoot(boots + 1);
  });

  it('SHUTDOWN with guest:true: the guest powers off, and with -no-shutdown QEMU stops', async () => {
    const mark = vm.controlEvents.length;
    vm.send('poweroff -f');
    const ev = await vm.waitForEvent('SHUTDOWN', mark);
    expect(ev.data).toEqual({ guest: true, reason: 'guest-shutdown' });
    await vm.waitForEvent('STOP', mark);
    expect((await vm.execute<JsonObject>('query-status')).status).toBe('shutdown');
  });

  it('the bridge stored exactly what QEMU emitted, in order', async () => {
    await sleep(1_100); // the last rate-limited event may still be on its way
    const expected = vm.controlEvents.map(({ event, data, timestamp }) => ({ event, data, timestamp }));
    const stored = await waitFor('the bridge to store every event', async () => {
      const page = await bridge.getJson<EventsResponse>('/api/events?vm=guest&limit=10000');
      return page.events.length >= expected.length ? page.events : undefined;
    });
    expect(stored.map(({ event, data, timestamp }: StoredEvent) => ({ event, data, timestamp }))).toEqual(expected);
  });
});
