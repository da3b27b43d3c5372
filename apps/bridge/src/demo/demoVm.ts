import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startQmpSimulator } from '@qmpscope/qmp-sim';

export interface DemoVm {
  /** `unix:/...` for the VM session to connect to, like any real VM. */
  target: string;
  close(): Promise<void>;
}

/** sockaddr_un holds 108 bytes; deep data dirs would not fit. */
const MAX_SOCKET_PATH = 100;

/**
 * The built-in demo VM: the QMP simulator's 'demo' scenario on a unix socket in the data dir.
 * The bridge watches it through the same QMP client as a real VM, so the demo exercises the real path.
 */
export async function startDemoVm(dataDir: string): Promise<DemoVm> {
  let path = join(dataDir, 'demo.qmp');
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH) path = join(tmpdir(), `qmpscope-demo-${process.pid}.qmp`);
  // A socket file left by a bridge that was killed would make listen() fail with EADDRINUSE.
  rmSync(path, { force: true });
  const sim = await startQmpSimulator({ listen: `unix:${path}`, name: 'demo', scenario: 'demo' });
  return {
    target: sim.target,
    close: async () => {
      await sim.close();
      rmSync(path, { force: true });
    },
  };
}
