import { DEFAULTS } from '../config/bridgeConfig.js';
import { DEFAULT_FLEET_RETENTION } from '../fleet/fleetConfig.js';

export function usage(version: string): string {
  return `qmpscope ${version} — watch QEMU VMs' QMP events live in the browser

Usage:
  npm start -- [options]
  qmpscope [options]           the installed command (node_modules/.bin/qmpscope): never builds
  node apps/bridge/dist/main.js [options]

Options:
  --vm NAME=unix:/path         watch the QMP monitor on a unix socket (repeatable)
  --vm NAME=tcp:host:port      watch the QMP monitor on a TCP port; IPv6 as tcp:[::1]:4444
                               NAME: 1-64 of A-Z a-z 0-9 . _ -, unique; "demo" is reserved
  --libvirt URI                watch every domain of a libvirt connection, e.g. qemu:///system or
                               qemu+ssh://root@hv2/system (repeatable; needs virsh from
                               libvirt-clients and a read-write connection, used only to read)
  --config FILE                JSON config: {"vms":[{"name":"a","target":"unix:/run/a.qmp"}],
                               "libvirt":["qemu:///system"], "host":..., "port":..., "dataDir":...,
                               "retention":{"maxEvents":N,"maxAgeDays":N}}; flags override it
  --host HOST                  address to listen on (default ${DEFAULTS.host}); any address other
                               than loopback requires an access token (generated if not given)
  --token-file FILE            read the access token (16-256 of A-Z a-z 0-9 . _ ~ -) from the
                               first line of FILE (chmod 600); or set env QMPSCOPE_TOKEN.
                               Required as cookie or Authorization: Bearer when set
  --token TOKEN                the token on the command line: every local user can read it in
                               the process list, so prefer --token-file or QMPSCOPE_TOKEN
  --port PORT                  HTTP port (default ${DEFAULTS.port}; 0 = any free port)
  --data-dir DIR               where events.db is kept (default ${DEFAULTS.dataDir}, created if missing)
  --retention-events N         keep at most N events (default ${DEFAULTS.maxEvents})
  --retention-days N           delete events older than N days (default ${DEFAULTS.maxAgeDays})
  --max-line-bytes N           longest QMP message accepted (default ${DEFAULTS.maxLineBytes})
  --fleet URL                  share VMs through Redis 7+ (redis://HOST:PORT, rediss://..., or
                               redis://:PASSWORD@HOST:PORT): publish this bridge's VMs' events and
                               serve every node's VMs, named NODE/VM. Without VMs: a hub
                               (config file: "fleet":{"redis":URL,"node":NAME,"retentionEvents":N});
                               a rediss:// certificate from your own CA: NODE_EXTRA_CA_CERTS=ca.pem
  --node NAME                  this bridge's name in the fleet (default: the host name)
  --fleet-retention N|AGE      what the fleet log in Redis keeps: N entries (default ${DEFAULT_FLEET_RETENTION})
                               or an age like 90m, 24h, 7d; give both to bound both
  --demo                       add the built-in simulated VM "demo" (the default when no VM is given)
  --web-dir DIR                the built web app to serve (default apps/web/dist)
  --log-format FORMAT          auto (default), json or pretty: the log on stderr as JSON lines
                               (level, time, msg, fields) or readable lines; auto is JSON unless
                               stderr is a terminal. The banner on stdout is plain text either way
  --log-level LEVEL            info (default), warn or error: the least severe level logged
  --help, -h                   show this help
  --version, -v                print the version

SIGHUP (systemctl reload) re-reads --config: VMs added start, removed ones stop (their history
stays), changed ones reconnect, the others are untouched; a config with an error is refused and the
running one stays. libvirt, host, port, dataDir, retention and the token need a restart.

VMs managed by libvirt need no change: --libvirt qemu:///system shows them all.
Other QEMUs must expose a QMP monitor, e.g.:
  qemu-system-x86_64 ... -qmp unix:/tmp/vm1.qmp,server=on,wait=off

Examples:
  npm start                                        # the demo VM, dashboard on http://127.0.0.1:8484/
  npm start -- --libvirt qemu:///system
  npm start -- --vm vm1=unix:/tmp/vm1.qmp
  npm start -- --vm web=tcp:10.0.0.5:4444 --vm db=unix:/run/db.qmp --port 9000
  npm start -- --config qmpscope.json --data-dir /var/lib/qmpscope
`;
}
