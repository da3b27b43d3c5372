/**
 * Half of QMP's events start in the guest: its balloon driver, its clock, its
 * watchdog, its panic notifier, its power management, its NIC filter, its
 * serial ports. Here a real Linux guest (e2e/guest/: Debian's kernel and
 * busybox) does each of these for real, steered over its serial console, and a
 * minimal SPICE client links and leaves, while the bridge watches QEMU and a
 * browser watches the bridge. Each test checks what QEMU sent on its own
 * control monitor; at the end the bridge must have stored exactly that, and the
 * dashboard must list every one of those events and chart the guest's values.
 * docs/EVENT-COVERAGE.md records the data QEMU 7.2 sent for each event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectRowsPerEventName } from './harness/eventGrid.js';
import type { EventsResponse, StoredEvent, VmsResponse } from '@qmpscope/events';
import type { JsonObject } from '@qmpscope/qmp';
import { GuestVm, prepareGuest } from './harness/guestVm.js';
import { BridgeProcess } from './harness/bridgeProcess.js';
import { CHROMIUM, chromiumAvailable, launchChromium, screenshotPath } from './harness/browser.js';
import { qemuAvailable, QEMU_BINARY } from './harness/qemuVm.js';
import { waitFor } from './harness/waitFor.js';
import { SpiceLink } from './harness/spiceLink.js';

// Without QEMU there is nothing to test: skip. With QEMU, a missing guest
// package or browser is a broken setup (CI installs them all): fail, saying what to install.
if (!qemuAvailable)
  console.warn(`SKIPPED: the guest-event e2e tests need ${QEMU_BINARY} (apt-get install qemu-system-x86); CI installs it.`);
const image = qemuAvailable ? prepareGuest() : undefined;

const MiB = 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!qemuAvailable)('a real Linux guest makes QEMU emit guest-side events', () => {
  let vm: GuestVm;
  let bridge: BridgeProcess;
  let browser: Browser | undefined;
  let page: Page;
  const pageErrors: string[] = [];
  /** A failed browser test must not leave its filter on for the next one. */
  const clearFilters = async () => {
    const clear = page.getByRole('button', { name: 'Clear filters' });
    if (await clear.isEnabled()) await clear.click();
  };
  const vmInfo = async () => (await bridge.getJson<VmsResponse>('/api/vms')).vms.find((v) => v.name === 'guest');

  beforeAll(async () => {
    if (!image || 'missing' in image) throw new Error(`cannot build the test guest: ${image?.missing ?? 'no image'}`);
    if (!chromiumAvailable) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (or set CHROMIUM_PATH)`);
    vm = new GuestVm('e2e-guest', image);
    await vm.start();
    bridge = new BridgeProcess(['--vm', `guest=unix:${vm.watchSocket}`]);
    await bridge.start();
    // Events reach only monitors that finished negotiation: the guest starts once the bridge is connected.
    await waitFor('the bridge to connect to QEMU', async () => ((await vmInfo())?.connection === 'connected' ? true : undefined));
    // One guest boot serves the API and the browser: the page watches live from the start, and is checked at the end.
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('pageerror', (err) => pageErrors.push(String(err)));
    await page.goto(bridge.url);
    await page.getByRole('region', { name: 'Virtual machines' }).getByText('guest', { exact: true }).waitFor();
    await vm.boot();
  });

  afterAll(async () => {
    await browser?.close();
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
    expect(
      vm
        .eventsSince(mark, 'MIGRATION_PASS')
        .map((ev) => ev.data?.pass)
        .slice(0, 3),
    ).toEqual([1, 2, 3]);
    expect(vm.eventsSince(mark, 'MIGRATION').map((ev) => ev.data?.status)).toEqual(['setup', 'active', 'cancelling', 'cancelled']);
  });

  it('SPICE_CONNECTED, SPICE_INITIALIZED, SPICE_DISCONNECTED: a SPICE client links the main channel, then leaves', async () => {
    const mark = vm.controlEvents.length;
    const spice = new SpiceLink(vm.spiceSocket);
    await spice.link();
    const initialized = await vm.waitForEvent('SPICE_INITIALIZED', mark);
    await spice.close();
    await vm.waitForEvent('SPICE_DISCONNECTED', mark);
    const spiceEvents = vm.controlEvents.slice(mark).filter((ev) => ev.event.startsWith('SPICE_'));
    expect(spiceEvents.map((ev) => ev.event)).toEqual(['SPICE_CONNECTED', 'SPICE_INITIALIZED', 'SPICE_DISCONNECTED']);
    // server.port is the socket path, or '' when the path is too long for getnameinfo's service buffer (32 bytes, NI_MAXSERV).
    const serverPort = (spiceEvents[0]?.data?.server as JsonObject | undefined)?.port;
    expect([vm.spiceSocket.length < 32 ? vm.spiceSocket : '']).toContain(serverPort);
    const basic = {
      server: { family: 'unix', host: 'localhost', port: serverPort },
      client: { family: 'unix', host: 'localhost', port: '' },
    };
    expect(spiceEvents[0]?.data).toEqual(basic);
    expect(spiceEvents[2]?.data).toEqual(basic);
    expect(initialized.data).toMatchObject({
      server: { ...basic.server, auth: 'none' },
      client: { ...basic.client, 'channel-type': 1, 'channel-id': 0, tls: false },
    });
    expect(typeof (initialized.data?.client as JsonObject | undefined)?.['connection-id']).toBe('number');
  });

  it('SPICE_MIGRATE_COMPLETED: a migration completes after client_migrate_info named a SPICE target', async () => {
    const mark = vm.controlEvents.length;
    // QEMU tells the SPICE server about a migration only once client_migrate_info named where SPICE clients go.
    await vm.execute('client_migrate_info', { protocol: 'spice', hostname: 'localhost', port: 5999 });
    await vm.execute('migrate-set-capabilities', { capabilities: [{ capability: 'events', state: true }] });
    await vm.execute('migrate-set-parameters', { 'max-bandwidth': 1024 * MiB });
    await vm.execute('migrate', { uri: 'exec:cat > /dev/null' });
    const done = await vm.waitForEvent('SPICE_MIGRATE_COMPLETED', mark, undefined, 60_000);
    expect(done).not.toHaveProperty('data');
    expect(vm.eventsSince(mark, 'MIGRATION').map((ev) => ev.data?.status)).toEqual(['setup', 'active', 'completed']);
    // A completed migration leaves the source paused (postmigrate); it may run on.
    expect((await vm.execute<JsonObject>('query-status')).status).toBe('postmigrate');
    await vm.execute('cont');
    expect((await vm.run('echo alive')).output).toBe('alive\n');
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
    const bad = (name: string) => ({
      driver: 'raw',
      'node-name': name,
      file: { driver: 'blkdebug', image: good(`${name}-img`), 'inject-error': [{ event: 'read_aio', errno: 5 }] },
    });
    await vm.execute('blockdev-add', {
      driver: 'quorum',
      'node-name': 'q-ok',
      'vote-threshold': 2,
      children: [good('qa'), good('qb'), bad('qc')],
    });
    await vm.execute('blockdev-add', {
      driver: 'quorum',
      'node-name': 'q-lost',
      'vote-threshold': 2,
      children: [good('qd'), bad('qe'), bad('qf')],
    });
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

  it('the dashboard lists every guest event, live, with the fields QEMU 7.2 added', async () => {
    const counts = new Map<string, number>();
    for (const ev of vm.controlEvents) counts.set(ev.event, (counts.get(ev.event) ?? 0) + 1);
    const overview = page.getByRole('region', { name: 'Virtual machines' });
    await expect.poll(() => overview.textContent(), { timeout: 15_000 }).toMatch(new RegExp(`Events${vm.controlEvents.length}(?!\\d)`));
    await expectRowsPerEventName(page, counts);
    expect([...counts.keys()]).toEqual(
      expect.arrayContaining([
        'BALLOON_CHANGE',
        'RTC_CHANGE',
        'VSERPORT_CHANGE',
        'NIC_RX_FILTER_CHANGED',
        'SUSPEND',
        'WAKEUP',
        'MIGRATION',
        'MIGRATION_PASS',
        'ACPI_DEVICE_OST',
        'DEVICE_DELETED',
        'QUORUM_REPORT_BAD',
        'QUORUM_FAILURE',
        'WATCHDOG',
        'RESET',
        'GUEST_PANICKED',
        'SUSPEND_DISK',
        'SHUTDOWN',
        'STOP',
        'RESUME',
        'SPICE_CONNECTED',
        'SPICE_INITIALIZED',
        'SPICE_DISCONNECTED',
        'SPICE_MIGRATE_COMPLETED',
      ]),
    );
  });

  it('the dashboard shows GUEST_PANICKED as an error in the list, on the timeline and in the overview', async () => {
    await clearFilters();
    const box = page.getByRole('group', { name: 'Event names' }).getByRole('checkbox', { name: 'GUEST_PANICKED', exact: true });
    await box.check();
    const row = page.getByRole('grid', { name: 'Events' }).getByRole('row', { name: /GUEST_PANICKED/ });
    // The severity badge follows the name in the name cell.
    await expect.poll(() => row.textContent()).toMatch(/GUEST_PANICKED\s*error/i);
    // The timeline draws each event as a shape whose tooltip names the event and its severity.
    const timeline = page.getByRole('group', { name: /^Timeline of 1 events/ });
    await expect.poll(() => timeline.textContent()).toMatch(/guest .*panic.*\[error\]/i);
    // Later events (watchdog, S4, power-off) follow the panic; the VM's card keeps it in sight.
    const overview = page.getByRole('region', { name: 'Virtual machines' });
    await expect.poll(() => overview.textContent()).toMatch(/Last problem\s*GUEST_PANICKED[^]*?error/i);
    await page.screenshot({ path: screenshotPath('guest-panicked'), fullPage: true });
    await box.uncheck();
  });

  it('the event detail explains fields the old schema lacks (RTC_CHANGE qom-path, SHUTDOWN reason)', async () => {
    await clearFilters();
    const rtc = vm.controlEvents.find((ev) => ev.event === 'RTC_CHANGE');
    const shutdown = vm.controlEvents.filter((ev) => ev.event === 'SHUTDOWN').at(-1);
    const detail = page.getByRole('region', { name: 'Event detail' });
    const fields = detail.getByRole('table', { name: 'Fields' });
    const search = page.getByRole('searchbox', { name: 'Search event data' });
    await search.fill(String(rtc?.data?.['qom-path']));
    await page
      .getByRole('grid', { name: 'Events' })
      .getByRole('row', { name: /RTC_CHANGE/ })
      .first()
      .click();
    await detail.getByRole('heading', { name: /RTC_CHANGE/ }).waitFor();
    await expect.poll(() => fields.getByRole('row', { name: /^qom-path\b/ }).textContent()).toContain(String(rtc?.data?.['qom-path']));
    await search.fill('guest-shutdown');
    await page
      .getByRole('grid', { name: 'Events' })
      .getByRole('row', { name: /SHUTDOWN/ })
      .last()
      .click();
    await detail.getByRole('heading', { name: /SHUTDOWN/ }).waitFor();
    await expect.poll(() => fields.getByRole('row', { name: /^reason\b/ }).textContent()).toContain(String(shutdown?.data?.reason));
    await page.screenshot({ path: screenshotPath('guest-shutdown-detail'), fullPage: true });
    await search.fill('');
  });

  it("the charts show the real guest's last balloon size, RTC offset and migration", async () => {
    await clearFilters();
    const balloons = vm.controlEvents.filter((ev) => ev.event === 'BALLOON_CHANGE');
    const rtcs = vm.controlEvents.filter((ev) => ev.event === 'RTC_CHANGE');
    const lastActual = Number(balloons.at(-1)?.data?.actual);
    const lastOffset = Number(rtcs.at(-1)?.data?.offset);
    expect(lastActual).toBe(384 * MiB);
    await page.getByRole('tab', { name: 'All charts' }).click();
    const caption = (name: string) => page.getByRole('figure', { name }).locator('figcaption');
    // "<vm>: <n> points, latest <value>": the dashboard's own summary of each chart.
    await expect
      .poll(() => caption('Balloon memory chart').textContent(), { timeout: 15_000 })
      .toContain(`guest: ${points(balloons.length)}, latest ${(lastActual / MiB).toFixed(2)} MiB`);
    const rtcCaption = await waitFor('the RTC chart caption', async () => {
      const text = (await caption('RTC offset chart').textContent()) ?? '';
      return text.includes(`guest: ${points(rtcs.length)}, latest `) ? text : undefined;
    });
    const shown = offsetShown(rtcCaption.slice(rtcCaption.indexOf('latest ') + 'latest '.length));
    // Exact ("+97925455 s") or humanized ("+1133 d 8 h"): right to within the smallest unit shown.
    expect(Math.abs(shown.seconds - lastOffset), rtcCaption).toBeLessThan(shown.resolution);
    const passes = vm.controlEvents.filter((ev) => ev.event === 'MIGRATION_PASS').length;
    const lastStatus = vm.controlEvents.filter((ev) => ev.event === 'MIGRATION').at(-1)?.data?.status;
    await expect
      .poll(() => caption('Migration chart').textContent())
      .toContain(`guest: ${passes} pass${passes === 1 ? '' : 'es'}, last status ${String(lastStatus)}`);
    await page.screenshot({ path: screenshotPath('guest-charts'), fullPage: true });
  });

  it('raised no script errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});

const points = (n: number) => `${n} point${n === 1 ? '' : 's'}`;

const OFFSET_UNITS: Record<string, number> = { d: 86_400, h: 3_600, min: 60, s: 1 };

/** Reads an RTC offset as the dashboard shows it ("+3600 s", "-1 d 1 h") back into seconds. */
function offsetShown(text: string): { seconds: number; resolution: number } {
  const match = /^([+-]?)((?:\d+ (?:d|h|min|s)\b ?)+)/.exec(text.trim());
  if (!match?.[2]) throw new Error(`not an RTC offset: ${JSON.stringify(text)}`);
  let seconds = 0;
  let resolution = Infinity;
  for (const [, n, unit] of match[2].matchAll(/(\d+) (d|h|min|s)/g)) {
    const size = OFFSET_UNITS[unit as string] ?? NaN;
    seconds += Number(n) * size;
    resolution = Math.min(resolution, size);
  }
  return { seconds: match[1] === '-' ? -seconds : seconds, resolution };
}
