/**
 * @module When the daemon must run the reducer again although nothing else happens: a refused protection's
 * retry falls due, or an unclear order is to be resolved by client id. The stream arms one timer for the
 * earliest of them, so a retry owns its timer instead of waiting for an unrelated fill or the minute tick.
 */
import type { HoldingsOptions, HoldingsState } from './holdings-draft.ts';

/** The earliest daemon time after `now` at which a holding needs the reducer, or null when nothing waits. */
export function nextWakeAt(state: HoldingsState, options: HoldingsOptions, now: number): number | null {
  let at = Number.POSITIVE_INFINITY;
  for (const h of state.holdings.values()) {
    if (h.retryAt > now && h.retryAt < at) at = h.retryAt;
    for (const o of h.orders) {
      if (o.state !== 'unknown') continue;
      const due = o.tsSince + options.unknownTimeoutMs;
      if (due < at) at = Math.max(due, now + 1);
    }
  }
  return Number.isFinite(at) ? at : null;
}
