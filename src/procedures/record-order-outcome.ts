/**
 * @module Folds one order outcome into the day's counts in the trading state and publishes a kill it trips
 * (consecutive failures, rejection rate). `trade` records its entries; the daemon its protective and exit orders.
 */
import type { RiskLimits } from '../domain/rules/risk/breaker.ts';
import { applyOrderOutcome, orderBreakers, reviseOrderOutcome, type OrderOutcomeKind } from '../domain/rules/risk/order-breakers.ts';
import { applyEvaluation } from '../domain/rules/risk/risk-book.ts';
import { readRiskBook } from '../records/risk-state.ts';
import { publishRiskChange, type PublishDeps } from './publish-risk-change.ts';
import type { RiskChange } from '../domain/rules/risk/risk-book.ts';

/**
 * `earlier`: the outcome this order was already counted with (a later word on it revises the counts, see
 * reviseOrderOutcome). Resolves the change published, or null when the counts did not move.
 */
export async function recordOrderOutcome(
  kind: OrderOutcomeKind, earlier: OrderOutcomeKind | undefined, d: PublishDeps & { limits: RiskLimits; now: number; day: string },
): Promise<RiskChange | null> {
  const book = readRiskBook(d.store, d.day);
  const orders = earlier === undefined ? applyOrderOutcome(book.orders, d.day, kind) : reviseOrderOutcome(book.orders, d.day, earlier, kind);
  if (orders === book.orders) return null;
  const change = applyEvaluation({ ...book, orders }, orderBreakers(orders, d.now, d.limits), d.now, d.day);
  await publishRiskChange(change, d.now, d);
  return change;
}
