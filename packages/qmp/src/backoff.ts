import type { ReconnectOptions } from './types.js';

export type BackoffPolicy = Required<ReconnectOptions>;

export const DEFAULT_BACKOFF: BackoffPolicy = { initialDelayMs: 100, maxDelayMs: 5000, factor: 2, jitter: 0.2 };

/** Fills defaults and clamps nonsense (negative delays, jitter outside 0..1). */
export function backoffPolicy(opts: ReconnectOptions = {}): BackoffPolicy {
  const initialDelayMs = Math.max(0, opts.initialDelayMs ?? DEFAULT_BACKOFF.initialDelayMs);
  return {
    initialDelayMs,
    maxDelayMs: Math.max(initialDelayMs, opts.maxDelayMs ?? DEFAULT_BACKOFF.maxDelayMs),
    factor: Math.max(1, opts.factor ?? DEFAULT_BACKOFF.factor),
    jitter: Math.min(1, Math.max(0, opts.jitter ?? DEFAULT_BACKOFF.jitter)),
  };
}

/**
 * Delay before reconnect attempt number `attempt` (0 = first retry):
 * initial * factor^attempt, capped, then spread by ±jitter so that many
 * clients of one restarted host do not reconnect in lockstep.
 * `random` returns a number in [0, 1) (Math.random in production).
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * Math.pow(policy.factor, Math.max(0, attempt)));
  const spread = policy.jitter * (2 * random() - 1);
  return Math.max(0, Math.round(base * (1 + spread)));
}
