/** One scripted event and how long to wait before sending it. */
export interface DemoStep {
  delayMs: number;
  event: string;
  data?: object;
}

const MiB = 1024 * 1024;
const RTC_QOM_PATH = '/machine/unattached/device[8]';
const VNC_SERVER = { host: '0.0.0.0', service: '5900', family: 'ipv4', websocket: false, auth: 'none' };
// Events QEMU rate-limits to one a second; the story never sends them faster.
const RATE_LIMITED = new Set(['BALLOON_CHANGE', 'RTC_CHANGE', 'WATCHDOG']);

type Act = (r: () => number) => Array<Omit<DemoStep, 'delayMs'>>;

/** Stories told while the VM runs, with weights. Each leaves the VM running or hands over to a recovery act. */
const RUNNING_ACTS: Array<[number, Act]> = [
  [6, () => [{ event: 'BALLOON_CHANGE' }]],
  [2, (r) => [{ event: 'RTC_CHANGE', data: { offset: Math.round((r() - 0.5) * 7200), 'qom-path': RTC_QOM_PATH } }]],
  [2, () => [{ event: 'STOP' }, { event: 'RESUME' }]],
  [1, () => [{ event: 'RESET', data: { guest: true, reason: 'guest-reset' } }]],
  [
    1,
    (r) => {
      const passes = 2 + Math.floor(r() * 4);
      return [
        { event: 'MIGRATION', data: { status: 'setup' } },
        { event: 'MIGRATION', data: { status: 'active' } },
        ...Array.from({ length: passes }, (_, i) => ({ event: 'MIGRATION_PASS', data: { pass: i + 1 } })),
        { event: 'STOP' },
        { event: 'MIGRATION', data: { status: 'completed' } },
      ];
    },
  ],
  [
    2,
    (r) => {
      const client = {
        host: `192.168.122.${2 + Math.floor(r() * 200)}`,
        service: String(40000 + Math.floor(r() * 20000)),
        family: 'ipv4',
        websocket: false,
      };
      return [
        { event: 'VNC_CONNECTED', data: { server: VNC_SERVER, client } },
        { event: 'VNC_INITIALIZED', data: { server: VNC_SERVER, client } },
        { event: 'BALLOON_CHANGE' },
        { event: 'VNC_DISCONNECTED', data: { server: VNC_SERVER, client } },
      ];
    },
  ],
  [
    1,
    () => [
      { event: 'WATCHDOG', data: { action: 'reset' } },
      { event: 'RESET', data: { guest: true, reason: 'guest-reset' } },
    ],
  ],
  [
    0.3,
    () => [
      {
        event: 'GUEST_PANICKED',
        data: {
          action: 'pause',
          info: { type: 'hyper-v', arg1: 0x1en, arg2: 0xffff_f802_1c4e_0000n, arg3: 0n, arg4: 0n, arg5: 18446744073709551615n },
        },
      },
      { event: 'STOP' },
    ],
  ],
  [1, () => [{ event: 'DEVICE_DELETED', data: { device: 'usbdisk1', path: '/machine/peripheral/usbdisk1' } }]],
  [1, () => [{ event: 'NIC_RX_FILTER_CHANGED', data: { name: 'net0', path: '/machine/peripheral/net0/virtio-backend' } }]],
  [
    0.7,
    () => [
      { event: 'JOB_STATUS_CHANGE', data: { id: 'backup0', status: 'created' } },
      { event: 'JOB_STATUS_CHANGE', data: { id: 'backup0', status: 'running' } },
      { event: 'JOB_STATUS_CHANGE', data: { id: 'backup0', status: 'concluded' } },
    ],
  ],
  [
    0.5,
    () => [
      { event: 'POWERDOWN' },
      { event: 'SHUTDOWN', data: { guest: true, reason: 'guest-shutdown' } },
      // Like QEMU with -no-shutdown: the VM stops instead of exiting.
      { event: 'STOP' },
    ],
  ],
];

/**
 * The story opens with one of each event the dashboard charts (balloon, RTC,
 * a migration), so whoever opens the demo sees every chart filled within
 * seconds instead of waiting for the dice.
 */
const OPENING: Array<Omit<DemoStep, 'delayMs'>> = [
  { event: 'BALLOON_CHANGE' },
  { event: 'RTC_CHANGE', data: { offset: 3600, 'qom-path': RTC_QOM_PATH } },
  { event: 'MIGRATION', data: { status: 'setup' } },
  { event: 'MIGRATION', data: { status: 'active' } },
  { event: 'MIGRATION_PASS', data: { pass: 1 } },
  { event: 'MIGRATION_PASS', data: { pass: 2 } },
  { event: 'MIGRATION_PASS', data: { pass: 3 } },
  { event: 'STOP' },
  { event: 'MIGRATION', data: { status: 'completed' } },
];

/** What an operator does when the VM is not running: reset (if needed) and continue. */
function recoveryAct(status: string): Array<Omit<DemoStep, 'delayMs'>> {
  if (status === 'paused' || status === 'postmigrate') return [{ event: 'RESUME' }];
  return [{ event: 'RESET', data: { guest: false, reason: 'host-qmp-system-reset' } }, { event: 'RESUME' }];
}

/**
 * A believable endless story of a QEMU 7.2 VM: one event every 0.3-1.5 s,
 * payloads shaped like QEMU's, rate-limited events at most once a second.
 * `next(status)` is given the simulated run state so the story stays consistent.
 */
export class DemoStory {
  readonly #random: () => number;
  readonly #queue: Array<Omit<DemoStep, 'delayMs'>> = [];
  readonly #lastSent = new Map<string, number>();
  #clock = 0;
  #balloon = 1024 * MiB;

  constructor(random: () => number) {
    this.#random = random;
    this.#queue.push(...OPENING);
  }

  next(status: string): DemoStep {
    if (this.#queue.length === 0) this.#queue.push(...(status === 'running' ? this.#pick()(this.#random) : recoveryAct(status)));
    const step = this.#queue.shift() as Omit<DemoStep, 'delayMs'>;
    let delayMs = Math.round(300 + this.#random() * 1200);
    const last = this.#lastSent.get(step.event);
    if (RATE_LIMITED.has(step.event) && last !== undefined) delayMs = Math.max(delayMs, last + 1000 - this.#clock);
    this.#clock += delayMs;
    this.#lastSent.set(step.event, this.#clock);
    const data = step.event === 'BALLOON_CHANGE' ? { actual: this.#driftBalloon() } : step.data;
    return data === undefined ? { delayMs, event: step.event } : { delayMs, event: step.event, data };
  }

  #pick(): Act {
    const total = RUNNING_ACTS.reduce((s, [w]) => s + w, 0);
    let x = this.#random() * total;
    for (const [w, act] of RUNNING_ACTS) {
      x -= w;
      if (x < 0) return act;
    }
    return (RUNNING_ACTS[0] as [number, Act])[1];
  }

  /** A random walk between 512 MiB and 2 GiB in whole MiB, like a balloon driver inflating and deflating. */
  #driftBalloon(): number {
    const step = Math.round((this.#random() - 0.5) * 256) * MiB;
    this.#balloon = Math.min(2048 * MiB, Math.max(512 * MiB, this.#balloon + step));
    return this.#balloon;
  }
}
