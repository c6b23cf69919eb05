/**
 * @module Folds one order outcome into the day's counts in the trading state and publishes a kill it trips
 * (consecutive failures, rejection rate). `trade` records its entries; the daemon its protective and exit orders.
 */
import type { RiskLimits } from '../domain/rules/risk/breaker.ts';
import {
  applyOrderOutcome,
  orderBreakers,
  reviseOrderOutcome,
  type OrderOutcomeKind,
} from '../domain/rules/risk/order-breakers.ts';
import { applyEvaluation } from '../domain/rules/risk/risk-book.ts';
import { commitRiskChange, type PublishDeps } from './publish-risk-change.ts';
import type { RiskChange } from '../domain/rules/risk/risk-book.ts';

/**
 * `earlier`: the outcome this order was already counted with (a later word on it revises the counts, see
 * reviseOrderOutcome). Resolves the change published, or null when the counts did not move.
 */
export async function recordOrderOutcome(
  kind: OrderOutcomeKind,
  earlier: OrderOutcomeKind | undefined,
  d: PublishDeps & { limits: RiskLimits; now: number; day: string },
): Promise<RiskChange | null> {
  // Counted on the book as it is at the write: `trade` and the daemon count into the same day at once.
  return commitRiskChange(
    (book) => {
      const orders =
        earlier === undefined
          ? applyOrderOutcome(book.orders, d.day, kind)
          : reviseOrderOutcome(book.orders, d.day, earlier, kind);
      if (orders === book.orders) return null;
      return applyEvaluation(
        { ...book, orders },
        orderBreakers(orders, d.now, d.limits),
        d.now,
        d.day,
      );
    },
    d.now,
    d,
  );
}
