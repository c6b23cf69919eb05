/**
 * @module The execution cost model of seed 002: slippage in basis points of the traded value plus a
 * commission per share. Every fill pays both, so costs can only lower a trade's return.
 */

export interface CostModel {
  /** Slippage per side, in basis points of the fill price (7.5 = 0.075%). */
  readonly slippageBps: number;
  /** Commission per share, per side, in dollars. */
  readonly commissionPerShare: number;
}

export const DEFAULT_COST_MODEL: CostModel = { slippageBps: 7.5, commissionPerShare: 0.005 };

export interface FillCosts {
  readonly slippage: number;
  readonly commission: number;
  readonly total: number;
}

/** The price actually paid (buy) or received (sell) once slippage moves it against us. */
export function executionPrice(
  price: number,
  side: 'buy' | 'sell',
  model: CostModel = DEFAULT_COST_MODEL,
): number {
  const slip = price * (model.slippageBps / 10_000);
  return side === 'buy' ? price + slip : price - slip;
}

/** Costs of one fill of `qty` shares at `price` (one side). */
export function fillCosts(
  price: number,
  qty: number,
  model: CostModel = DEFAULT_COST_MODEL,
): FillCosts {
  const shares = Math.abs(qty);
  const slippage = Math.abs(price) * shares * (model.slippageBps / 10_000);
  const commission = shares * model.commissionPerShare;
  return { slippage, commission, total: slippage + commission };
}

export interface RoundTrip {
  readonly entryPrice: number;
  readonly exitPrice: number;
  readonly qty: number;
}

export interface RoundTripResult {
  /** P/L before costs: (exit - entry) x qty. */
  readonly gross: number;
  /** Entry plus exit costs. */
  readonly costs: number;
  readonly net: number;
  /** Net P/L over the cost of entry (entry x qty), as a fraction. */
  readonly netReturn: number;
}

/** A long round trip's P/L with the cost model applied to both fills. */
export function roundTripPnl(
  trip: RoundTrip,
  model: CostModel = DEFAULT_COST_MODEL,
): RoundTripResult {
  const gross = (trip.exitPrice - trip.entryPrice) * trip.qty;
  const costs =
    fillCosts(trip.entryPrice, trip.qty, model).total +
    fillCosts(trip.exitPrice, trip.qty, model).total;
  const net = gross - costs;
  const basis = trip.entryPrice * trip.qty;
  return { gross, costs, net, netReturn: basis > 0 ? net / basis : 0 };
}
