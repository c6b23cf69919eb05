/**
 * @module Equal allocation of buying power, pure. With E the equity (capped by the capital limit C
 * when TRADING_CAPITAL or capital.total_capital is set), BP the buying power, n the entries:
 *   available = BP, or min(BP, C - long market value) when C is set
 *   pool      = max(0, available - cash_buffer_pct% x E)
 *   each      = min(pool / n, max_position_pct% x E, max_position_usd), floored to the cent.
 */

export interface AllocationInput {
  readonly equity: number;
  readonly buyingPower: number;
  readonly longMarketValue: number;
  /** The most capital the system may use, or undefined for the whole account. */
  readonly capitalCap: number | undefined;
  readonly cashBufferPct: number;
  readonly maxPositionPct: number;
  readonly maxPositionUsd: number;
  /** How many entries share the pool. */
  readonly count: number;
}

export type AllocationLimit = 'equal_share' | 'max_position_pct' | 'max_position_usd';

export interface Allocation {
  readonly equityBase: number;
  readonly available: number;
  readonly buffer: number;
  readonly pool: number;
  readonly equalShare: number;
  readonly capPct: number;
  readonly capUsd: number;
  /** Dollars per entry, floored to the cent. */
  readonly perEntry: number;
  readonly limitedBy: AllocationLimit;
}

/** Largest whole-cent amount not above x (never rounds up, whatever the float error). */
export function floorCents(x: number): number {
  if (!(x > 0)) return 0;
  let c = Math.floor(x * 100 + 1e-7);
  while (c > 0 && c / 100 > x) c -= 1;
  return c / 100;
}

/** The equity the system trades with: the account's, capped by the capital limit when one is set. */
export const equityBaseOf = (equity: number, capitalCap: number | undefined): number =>
  Math.max(0, capitalCap === undefined ? equity : Math.min(equity, capitalCap));

export function allocate(i: AllocationInput): Allocation {
  const equityBase = equityBaseOf(i.equity, i.capitalCap);
  const bp = Math.max(0, i.buyingPower);
  const available =
    i.capitalCap === undefined
      ? bp
      : Math.min(bp, Math.max(0, i.capitalCap - Math.max(0, i.longMarketValue)));
  const buffer = (i.cashBufferPct / 100) * equityBase;
  const pool = Math.max(0, available - buffer);
  const equalShare = i.count > 0 ? pool / i.count : 0;
  const capPct = (i.maxPositionPct / 100) * equityBase;
  const capUsd = i.maxPositionUsd;
  const raw = Math.min(equalShare, capPct, capUsd);
  const limitedBy: AllocationLimit =
    raw === equalShare ? 'equal_share' : raw === capPct ? 'max_position_pct' : 'max_position_usd';
  return {
    equityBase,
    available,
    buffer,
    pool,
    equalShare,
    capPct,
    capUsd,
    perEntry: floorCents(raw),
    limitedBy,
  };
}

/** Whole shares an allocation buys at a price: floor(allocation / price), never costing more than the allocation. */
export function wholeShares(allocation: number, price: number): number {
  if (!(allocation > 0) || !(price > 0) || !Number.isFinite(price)) return 0;
  let q = Math.floor(allocation / price);
  while (q > 0 && q * price > allocation) q -= 1;
  while ((q + 1) * price <= allocation) q += 1;
  return q;
}
