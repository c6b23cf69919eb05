/**
 * @module When the daemon must run the reducer again although nothing else happens: a refused protection's
 * retry falls due, or an unclear order is to be resolved by client id. The stream arms one timer for the
 * earliest of them, so a retry owns its timer instead of waiting for an unrelated fill or the minute tick.
 */
import type { HoldingsOptions, HoldingsState } from './draft.ts';
import type { Holding } from './holding.ts';

/** A holding whose pending retry the plan will act on when woken (not one that waits for something else). */
const retryPending = (h: Holding): boolean =>
  h.retryAt > 0 && h.qty > 0 && h.exitProgress === null && h.deferredFor.length === 0;

/**
 * The earliest daemon time at which a holding needs the reducer, or null when nothing waits. A retry or a
 * resolution already due (the clock was corrected past it) wakes at once: `now + 1`.
 */
export function nextWakeAt(
  state: HoldingsState,
  options: HoldingsOptions,
  now: number,
): number | null {
  // Halted or not yet reconciled, nothing would act: the kill switch's release and the first audit re-plan anyway.
  if (state.halted || !state.synced) return null;
  let at = Number.POSITIVE_INFINITY;
  // forEach: visits every holding at each step without an allocation per holding (see layered-map.ts).
  state.holdings.forEach((h) => {
    if (retryPending(h)) at = Math.min(at, Math.max(h.retryAt, now + 1));
    for (const o of h.orders) {
      if (o.state === 'unknown')
        at = Math.min(at, Math.max(o.tsSince + options.unknownTimeoutMs, now + 1));
    }
  });
  return Number.isFinite(at) ? at : null;
}
