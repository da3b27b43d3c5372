/**
 * What a bounded deferred view shows. Deferred normally; once overdue, the
 * current value, and it stays current (not the deferred one, which may be older
 * than what was already shown) until the deferred render has caught up. While the
 * deferred value is still blank (`isBlank`: nothing drawn yet, e.g. the history was
 * loading), the current value at once: there is no older drawing worth keeping on screen,
 * and a first deferred render is thrown away by every live batch until the bound.
 */
export function shownValue<T>(value: T, deferred: T, overdue: boolean, isBlank?: (v: T) => boolean): T {
  if (overdue) return value;
  return isBlank?.(deferred) === true ? value : deferred;
}
