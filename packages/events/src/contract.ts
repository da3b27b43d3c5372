/**
 * The bridge <-> browser contract, typed once: the socket.io event maps used by
 * `new Server<ClientToServerEvents, ServerToClientEvents>()` in the bridge and
 * `io<ServerToClientEvents, ClientToServerEvents>()` in the web app, and the HTTP
 * API's response bodies.
 */
import type { JsonObject } from './json.js';

/** QEMU's own emission time, host wall clock; both fields are -1 when QEMU could not read the clock. */
export interface QmpTimestamp {
  seconds: number;
  microseconds: number;
}

/** One event as stored by the bridge and served by the API and socket.io. */
export interface StoredEvent {
  /** Global, monotonically increasing across all VMs and bridge restarts. */
  seq: number;
  /** The VM name given to the bridge (`--vm NAME=...`). */
  vm: string;
  /** QMP event name, e.g. "SHUTDOWN". Unknown names pass through unchanged. */
  event: string;
  /** The event's `data` exactly as QEMU sent it; absent when QEMU sent no `data` key (STOP, RESUME, ...). */
  data?: JsonObject;
  timestamp: QmpTimestamp;
  /** When the bridge received the line, epoch milliseconds (fractional). */
  receivedAt: number;
}

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

/**
 * Where the bridge reads a VM's events: its own QMP monitor (`--vm`), or libvirt's QEMU monitor
 * event API (`--libvirt URI`), `domain` being libvirt's name of it (the VM name may be escaped or prefixed).
 */
export type VmSource = { kind: 'qmp' } | { kind: 'libvirt'; uri: string; domain: string };

/** One `--libvirt URI` connection: every domain on it is a VM, whose `connection` is this one's. */
export interface LibvirtConnectionInfo {
  uri: string;
  connection: ConnectionState;
  connectionSince: number;
  /** libvirt's own message for the last failure (e.g. "Failed to connect socket to ..."), null while connected. */
  lastError: string | null;
  /** Domains known on it, undefined ones included. */
  domains: number;
}

/** The bridge's connections that are not one VM each (today its `--libvirt` connections), sent on connect and when one changes. */
export interface ConnectionsInfo {
  libvirt: LibvirtConnectionInfo[];
}

/** What the bridge knows of one watched VM. */
export interface VmInfo {
  /** Name given on the command line or in the config file. */
  name: string;
  /** Where its QMP socket is, as given: `unix:/path` or `tcp:host:port`; for a libvirt domain the connection URI. */
  target: string;
  /** Absent means `{kind: 'qmp'}` (answers of bridges that watched QMP sockets only). */
  source?: VmSource;
  /** In a fleet (`--fleet`): the node (bridge) that watches this VM; the name is then `NODE/VM`. Absent outside a fleet. */
  node?: string;
  /** In a fleet: whether this bridge hears from that node now (its own node: always). Absent outside a fleet. */
  reachable?: boolean;
  connection: ConnectionState;
  /** Epoch ms of the last connection state change. */
  connectionSince: number;
  /** Why the last connection attempt failed or closed, in words a user can act on. */
  lastError: string | null;
  /**
   * QEMU's run state from `query-status` kept current by events ("running", "paused", "shutdown", "suspended", ...);
   * for a libvirt domain libvirt's state ("running", "paused", "shut off", "crashed", "pmsuspended", ...,
   * or "undefined" once the domain was undefined: its history stays); "removed" for a VM taken out of the
   * config file by a reload (SIGHUP), listed until the bridge restarts; null until known.
   */
  status: string | null;
  /** QEMU version "7.2.0" (from the greeting / query-version); null until connected once. */
  qemuVersion: string | null;
  /** `query-name` answer (the `-name` of the VM), null if QEMU has none. */
  guestName: string | null;
  /** Events stored for this VM. */
  eventCount: number;
  /** The most recent event of this VM, if any. */
  lastEvent: { seq: number; event: string; timestamp: QmpTimestamp } | null;
}

/**
 * What changes with every event of a VM, without the rest of its VmInfo: the `vmActivity` packet.
 * With many busy VMs whole VmInfos in every packet would be most of what each client parses;
 * these are a few dozen bytes a VM.
 */
export interface VmActivity {
  name: string;
  eventCount: number;
  lastEvent: VmInfo['lastEvent'];
}

// ---- HTTP API bodies -------------------------------------------------------

/** GET /api/vms */
export interface VmsResponse {
  vms: VmInfo[];
}

/** GET /api/events?vm=&event=A,B&after=SEQ&from=&to=&limit= */
export interface EventsResponse {
  /** Ascending by seq. */
  events: StoredEvent[];
  /** True when `limit` cut the answer: ask again with `after` = last seq. */
  hasMore: boolean;
  /** The highest seq stored at the time of the answer (all VMs). */
  lastSeq: number;
}

/**
 * How the bridge's previous run on its data dir ended, as found at this start: none yet, a clean
 * shutdown (SIGTERM, SIGINT), or without one (killed, crashed, the machine stopped).
 */
export type StartReason = 'first-start' | 'after-clean-shutdown' | 'after-unclean-shutdown';

/** GET /healthz */
export interface HealthResponse {
  ok: boolean;
  version: string;
  uptimeSeconds: number;
  /** Epoch ms of this start. */
  startedAt: number;
  startReason: StartReason;
  lastSeq: number;
  storage: { ok: boolean; error: string | null };
  vms: { total: number; connected: number };
  /** The `--libvirt` connections; absent when none is watched. */
  libvirt?: LibvirtConnectionInfo[];
  /** The fleet (`--fleet`); absent outside a fleet. */
  fleet?: FleetHealth;
}

/** `/healthz` of a bridge in a fleet: Redis, this node's publishing, and how far back its fleet history goes. */
export interface FleetHealth {
  /** The Redis URL with its password replaced by `***`. */
  redis: string;
  /** Whether Redis answers now. */
  reachable: boolean;
  /** Why Redis cannot be used (unreachable, wrong password, no FUNCTION command), null while it works. */
  error: string | null;
  node: string;
  /** True when this bridge watches no VM of its own. */
  hub: boolean;
  /** Own events stored locally and not yet in the fleet log (waiting for Redis). */
  unpublished: number;
  /** The oldest fleet event this bridge holds (seq and receipt time, epoch ms), null when none. */
  historyFrom: { seq: number; receivedAt: number } | null;
  /** The last fleet seq this bridge holds. */
  lastSeq: number;
  /** Every node known to the fleet, and whether this bridge hears from it now. */
  nodes: { node: string; reachable: boolean; vms: number }[];
}

/** Body of every 4xx/5xx answer of the API. */
export interface ApiError {
  error: string;
}

// ---- socket.io -------------------------------------------------------------

export interface SubscribeRequest {
  /** The last seq the client holds; the server sends every event after it, then live ones. null: only live events (and the snapshot). */
  after: number | null;
}

export interface SubscribeAck {
  ok: boolean;
  error?: string;
  /** Highest stored seq when the subscription started. */
  lastSeq: number;
}

/**
 * In a fleet (`--fleet`): one of this bridge's own events, stored locally, that the fleet log has
 * not taken yet (Redis unreachable, or the backlog after an outage still being published). It has
 * no fleet seq yet, so it is no cursor and no link target; it comes again as `events` under its
 * fleet seq once the log holds it.
 */
export interface PendingEvent extends Omit<StoredEvent, 'seq'> {
  /** Its seq in the bridge's own store (`DATA_DIR/events.db`): orders pending events, nothing else. */
  localSeq: number;
}

/** The `pending` packet: own events waiting for the fleet log, and which of them it took since. */
export interface PendingUpdate {
  /** True: these are all the pending events to hold (sent on subscribe); false: add them to those held. */
  replace: boolean;
  /** Pending events with a localSeq at or below this are in the fleet log now (they come as `events`): drop them. */
  through: number;
  /** Ascending by localSeq; `vm` is `NODE/VM`. The packet sent on subscribe holds the newest ones only (a bound). */
  events: PendingEvent[];
  /** Own events waiting for the fleet log in all, sent or not. */
  total: number;
}

export interface ServerToClientEvents {
  /** A batch of events, ascending and contiguous per client: no gaps, no duplicates. */
  events: (batch: StoredEvent[]) => void;
  /**
   * VMs whose state changed (connection, status, version, counts), each with its latest state, in
   * one packet: at once after a quiet spell, then at most every 100 ms + 1 ms per VM in the
   * previous packet (one packet per VM change would grow with the number of busy VMs).
   */
  vmsChanged: (vms: VmInfo[]) => void;
  /**
   * VMs of which only the counts changed (eventCount, lastEvent) since the VmInfo last sent: the
   * same spacing as `vmsChanged`, in the same turn (vmsChanged first). A client applies each to
   * the VM of that name it holds.
   */
  vmActivity: (updates: VmActivity[]) => void;
  /** Full VM list, sent on connect. */
  vms: (vms: VmInfo[]) => void;
  /**
   * The libvirt connections with their state and libvirt's last message: on connect, then whenever
   * one changes, so a connection with no domain (or one that cannot be reached) is seen too.
   */
  connections: (info: ConnectionsInfo) => void;
  /**
   * In a fleet only: own events the fleet log has not taken yet, and which of them it took. Sent
   * after each `subscribe` (replace), then while any are pending.
   */
  pending: (update: PendingUpdate) => void;
  /** Catch-up after `subscribe` finished: live events follow. */
  caughtUp: (info: { lastSeq: number }) => void;
}

export interface ClientToServerEvents {
  subscribe: (req: SubscribeRequest, ack: (res: SubscribeAck) => void) => void;
}
