/**
 * @module An intraday entry counted toward the order kill conditions (consecutive failures, rejection rate), as
 * `trade` counts its entries and the daemon its protective orders: one count per New York day in the trading state.
 */
import { riskLimitsOf } from '../../config/risk-limits.ts';
import type { OrderOutcomeKind } from '../../domain/rules/risk/order-breakers.ts';
import { nyDate } from '../../domain/time/ny-dates.ts';
import { recordOrderOutcome } from '../../procedures/record-order-outcome.ts';
import type { Deps } from '../deps.ts';
import { ACTOR, type OrderOutcome } from './intraday-order.ts';

/**
 * Accepted, rejected, or unclear (its outcome unknown) count; an entry already at the broker from an earlier run was
 * counted then, and a throttled request (HTTP 429) refused no order.
 */
function kindOf(outcome: OrderOutcome, throttled: boolean): OrderOutcomeKind | undefined {
  if (outcome === 'submitted') return 'accepted';
  if (outcome === 'rejected') return 'rejected';
  if (outcome === 'unknown' && !throttled) return 'unknown';
  return undefined;
}

export async function countIntradayOrder(
  deps: Deps,
  sent: { readonly outcome: OrderOutcome; readonly throttled: boolean },
): Promise<void> {
  const kind = kindOf(sent.outcome, sent.throttled);
  if (kind === undefined) return;
  const now = deps.clock.now();
  await recordOrderOutcome(kind, undefined, {
    store: deps.store,
    mailer: deps.mailer,
    events: deps.events,
    log: deps.log,
    actor: ACTOR,
    limits: riskLimitsOf(deps.config),
    now,
    day: nyDate(now),
  });
}
