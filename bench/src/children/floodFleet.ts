/**
 * Child process: a fleet of simulated VMs (qmp-sim flood) on unix sockets in DIR, sharing RATE
 * events/s. Usage (via fork): floodFleet DIR VMS RATE. Sends {ready: targets}; on 'stop' stops
 * producing, waits until every line written has left this process (so `sent` counts only events
 * the bridge can still read), closes every simulator and sends {sent}.
 */
import { join } from 'node:path';
import { startQmpSimulator, type QmpSimulator } from '@qmpscope/qmp-sim';

const [dir, vmsArg, rateArg] = process.argv.slice(2);
const vms = Number(vmsArg);
const rate = Number(rateArg);
if (dir === undefined || !(vms > 0) || !(rate > 0) || !process.send) {
  process.stderr.write('usage: fork(floodFleet, [DIR, VMS, RATE])\n');
  process.exit(2);
}
const send = (msg: unknown): void => void process.send?.(msg);

const sims: QmpSimulator[] = [];
for (let i = 0; i < vms; i++) {
  sims.push(
    await startQmpSimulator({
      listen: `unix:${join(dir, `vm${i}.sock`)}`,
      name: `vm${i}`,
      scenario: { flood: { eventsPerSecond: rate / vms } },
    }),
  );
}
send({ ready: sims.map((s) => s.target) });
process.on('message', (msg) => {
  if (msg !== 'stop') return;
  void (async () => {
    await Promise.all(sims.map((s) => s.quiesce()));
    const sent = sims.reduce((n, s) => n + s.eventsSent, 0);
    await Promise.all(sims.map((s) => s.close()));
    send({ sent });
    process.exit(0);
  })();
});
process.on('disconnect', () => process.exit(0));
