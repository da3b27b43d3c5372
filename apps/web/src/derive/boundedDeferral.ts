/**
 * What a bounded deferred view shows. Deferred normally; once overdue, the
 * current value, and it stays current (not the deferred one, which may be older
 * than what was already shown) until the deferred render has caught up.
 */
export function shownValue<T>(value: T, deferred: T, overdue: boolean): T {
  return overdue ? value : deferred;
}
