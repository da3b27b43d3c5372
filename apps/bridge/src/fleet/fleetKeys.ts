/**
 * Redis keys of the fleet. The `{qmpscope}` hash tag puts them in one Redis Cluster slot, so the
 * publish function may touch them all in one call (docs/FLEET.md: sharding).
 */
export const FLEET_KEYS = {
  /** The fleet log: a stream whose entry IDs are `SEQ-1`. */
  log: '{qmpscope}:log',
  /** The last fleet seq handed out. */
  seq: '{qmpscope}:seq',
  /** Hash: `NODE:INCARNATION` → highest local seq of that node published. */
  published: '{qmpscope}:published',
  /** Set of node names that ever published their VMs. */
  nodes: '{qmpscope}:nodes',
  /** Hash per node: VM name → its state (JSON), written by the node. */
  vms: (node: string) => `{qmpscope}:vms:${node}`,
  /** Exists while the node is up (it renews the key's expiry). */
  alive: (node: string) => `{qmpscope}:alive:${node}`,
} as const;

/** Name of the Redis function library; bumped with an incompatible change of the function. */
export const FUNCTION_LIBRARY = 'qmpscope_v1';
export const PUBLISH_FUNCTION = 'qmpscope_publish_v1';
