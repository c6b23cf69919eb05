/**
 * @module Portfolio heat (seed 001): total long exposure over the equity the system trades with (the account's,
 * capped by the capital limit when one is set). One definition for the trade pipeline's heat room and the
 * dashboard's "heat now".
 */
import { equityBaseOf } from '../allocation.ts';

export interface HeatInput {
  readonly equity: number;
  readonly longMarketValue: number;
  /** The most capital the system may use, or undefined for the whole account. */
  readonly capitalCap: number | undefined;
}

export interface PortfolioHeat {
  /** Long market value held, never negative. */
  readonly exposure: number;
  /** The equity heat is measured against. */
  readonly equityBase: number;
  /** Exposure over equity base, percent; null when there is no equity to measure against. */
  readonly pct: number | null;
}

export function portfolioHeat(i: HeatInput): PortfolioHeat {
  const exposure = Math.max(0, i.longMarketValue);
  const equityBase = equityBaseOf(i.equity, i.capitalCap);
  return { exposure, equityBase, pct: equityBase > 0 ? (100 * exposure) / equityBase : null };
}
