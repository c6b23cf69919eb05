/**
 * @module The protection planner for one held symbol: what to cancel and what to place so that the
 * position's whole shares sit under exactly one OCO exit (GTC) and its fractional remainder under one DAY
 * stop, never reserving more shares than are held. Pure; the daemon turns steps into broker commands.
 *
 * Resizing (partial fills, scaling in) cancels the old order and places the new one only once the cancel
 * is confirmed: the broker refuses a second reservation of the same shares, and two live exits on one
 * position could both fill.
 */
import {
  protectiveStopPrice,
  stopFollowsAtr,
  takeProfitPrice,
  type ExitRuleOptions,
} from './exit-rules.ts';
import { isProtectiveRole } from '../ids/client-order-ids.ts';
import {
  fitsPosition,
  isLive,
  reservedQty,
  sameQty,
  type TrackedOrder,
} from '../holdings/holding.ts';
import { roundQty, splitWhole, type Price, type Qty } from '../money.ts';
import type { SubmitOrder } from '../orders.ts';

export interface PlanInput {
  /** Shares held (long). */
  readonly qty: number;
  /** Average entry price E of the position. */
  readonly entryPrice: number;
  readonly orders: readonly TrackedOrder[];
  /** ATR(14) of the symbol's daily bars before the entry day, when known: the `atr` catastrophe stop reads it. */
  readonly atr?: number | null;
}

export interface PlanContext {
  readonly rules: ExitRuleOptions;
  /** Fractional orders are DAY orders: the fractional stop is placed only while the session is open. */
  readonly sessionOpen: boolean;
}

export type ProtectionStep =
  | { readonly kind: 'cancel'; readonly order: TrackedOrder; readonly reason: string }
  | {
      readonly kind: 'place';
      readonly role: 'oco' | 'stop';
      readonly qty: Qty;
      readonly stopPrice: Price;
      readonly takeProfitPrice: Price | null;
    };

/** The protection a position should have: whole shares under the OCO, the remainder under the stop. */
export function protectionTarget(
  input: PlanInput,
  rules: ExitRuleOptions,
): { whole: Qty; fraction: Qty; stop: Price; target: Price } {
  // Shares reserved by sell orders that are not ours (a manual order, a sale under way) are not ours to cover.
  const others = reservedQty(input.orders.filter((o) => !isProtectiveRole(o.role)));
  const { whole, fraction } = splitShares(Math.max(0, input.qty - others));
  return {
    whole,
    fraction,
    stop: protectiveStopPrice(input.entryPrice, input.atr ?? null, rules),
    target: takeProfitPrice(input.entryPrice, rules),
  };
}

/**
 * Whole shares and the remainder. Broker quantities have at most 9 decimals, so the remainder rounded to 9
 * decimals is exact (flooring would shave a float error's 1e-9 share off the stop).
 */
export function splitShares(q: number): { whole: Qty; fraction: Qty } {
  const { whole } = splitWhole(q);
  return { whole, fraction: roundQty(Math.max(0, q - whole)) };
}

const pending = (o: TrackedOrder): boolean => o.state === 'submitting' || o.state === 'unknown';

/**
 * Cancels every live order of a role except one whose size is right (and, when `stop` is given, whose stop is at
 * that price); returns the kept one.
 */
function resize(
  orders: readonly TrackedOrder[],
  want: number,
  steps: ProtectionStep[],
  reason: string,
  stop: number | null,
): TrackedOrder | undefined {
  const live = orders.filter(isLive);
  const rightStop = (o: TrackedOrder): boolean =>
    stop === null || o.stopPrice === null || Math.abs(o.stopPrice - stop) < 1e-9;
  const keep = want > 0 ? live.find((o) => sameQty(o.qty, want) && rightStop(o)) : undefined;
  for (const o of live) {
    if (o !== keep && o.state === 'open') steps.push({ kind: 'cancel', order: o, reason });
  }
  return keep;
}

/**
 * Steps that move the symbol's protective orders towards the target. Waits (no placement) while an order
 * of ours is unanswered or unclear, or while a cancel of the same role is unconfirmed.
 */
export function planProtection(input: PlanInput, ctx: PlanContext): ProtectionStep[] {
  const ours = input.orders.filter((o) => isProtectiveRole(o.role));
  const steps: ProtectionStep[] = [];
  if (input.qty <= 0) {
    for (const o of ours)
      if (o.state === 'open') steps.push({ kind: 'cancel', order: o, reason: 'position closed' });
    return steps;
  }
  const t = protectionTarget(input, ctx.rules);
  const ocos = ours.filter((o) => o.role === 'oco');
  const stops = ours.filter((o) => o.role === 'stop');
  // Under the ATR stop, a stop placed before the ATR was known (at the percent stop) moves to the ATR's price;
  // while it is not known (a restart before the bars are read) the standing stop is left alone.
  const stop =
    stopFollowsAtr(ctx.rules) && input.atr !== undefined && input.atr !== null ? t.stop : null;
  const keepOco = resize(
    ocos,
    t.whole,
    steps,
    stop === null
      ? `resize to ${t.whole} whole shares`
      : `resize to ${t.whole} whole shares, stop ${t.stop}`,
    stop,
  );
  // Outside the session a DAY stop cannot be re-placed: keep the one there is unless it is plainly wrong.
  const keepStop =
    ctx.sessionOpen || t.fraction === 0
      ? resize(stops, t.fraction, steps, `resize to ${t.fraction} fractional shares`, stop)
      : stops.find(isLive);
  if (ours.some(pending)) return steps;
  let reserved = reservedQty(input.orders);
  if (
    keepOco === undefined &&
    t.whole >= 1 &&
    !ocos.some((o) => o.state === 'cancelling') &&
    fitsPosition(reserved, t.whole, input.qty)
  ) {
    steps.push({
      kind: 'place',
      role: 'oco',
      qty: t.whole,
      stopPrice: t.stop,
      takeProfitPrice: t.target,
    });
    reserved += t.whole;
  }
  if (
    keepStop === undefined &&
    t.fraction > 0 &&
    ctx.sessionOpen &&
    !stops.some((o) => o.state === 'cancelling') &&
    fitsPosition(reserved, t.fraction, input.qty)
  ) {
    steps.push({
      kind: 'place',
      role: 'stop',
      qty: t.fraction,
      stopPrice: t.stop,
      takeProfitPrice: null,
    });
  }
  return steps;
}

/** The OCO exit: a limit sell at the target (parent) and a stop at the hard stop, GTC, whole shares. */
export function ocoOrder(
  symbol: string,
  clientOrderId: string,
  qty: Qty,
  stopPrice: Price,
  target: Price,
  reason: string,
): SubmitOrder {
  return {
    kind: 'SubmitOrder',
    clientOrderId,
    symbol,
    side: 'sell',
    type: 'limit',
    timeInForce: 'gtc',
    orderClass: 'oco',
    qty,
    limitPrice: target,
    takeProfit: { limitPrice: target },
    stopLoss: { stopPrice },
    reason,
  };
}

/** The fractional remainder's stop: fractional orders must be DAY orders, so it is re-armed every session. */
export function fractionalStopOrder(
  symbol: string,
  clientOrderId: string,
  qty: Qty,
  stopPrice: Price,
  reason: string,
): SubmitOrder {
  return {
    kind: 'SubmitOrder',
    clientOrderId,
    symbol,
    side: 'sell',
    type: 'stop',
    timeInForce: 'day',
    qty,
    stopPrice,
    reason,
  };
}

/** A market sale (soft exit or fraction target), DAY so that fractional quantities are accepted. */
export function marketSellOrder(
  symbol: string,
  clientOrderId: string,
  qty: Qty,
  reason: string,
): SubmitOrder {
  return {
    kind: 'SubmitOrder',
    clientOrderId,
    symbol,
    side: 'sell',
    type: 'market',
    timeInForce: 'day',
    qty,
    reason,
  };
}
