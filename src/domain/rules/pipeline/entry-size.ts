/**
 * @module The size of one entry, pure. Limits in dollars: ATR sizing (1 % of equity at risk per ATR of price, the
 * target bounded by risk_per_trade_pct), the strategy's allocation left, max_position_pct and max_position_usd,
 * the heat room (regime heat limit x equity - exposure) and the cash left above the buffer. Final size =
 * the smallest limit x regime scalar x correlation multiplier x risk scalar, never above any cap (every limit but
 * ATR sizing, which is a target: the low regime's 1.2 may lift an ATR-sized entry up to the next cap).
 */
import { floorCents } from '../allocation.ts';

/** Seed 002: ATR sizing risks 1 % of equity per ATR of adverse move. */
export const ATR_TARGET_RISK_PCT = 1;

export const LIMIT_NAMES = [
  'atr_risk',
  'strategy_allocation',
  'max_position_pct',
  'max_position_usd',
  'heat_limit',
  'cash',
] as const;
export type LimitName = (typeof LIMIT_NAMES)[number];

export interface LimitInput {
  /** The capital the system sizes against (equity, or the capital cap when lower). */
  readonly equity: number;
  readonly price: number | null;
  readonly atr: number | null;
  readonly riskPerTradePct: number;
  readonly maxPositionPct: number;
  readonly maxPositionUsd: number;
  /** The strategy's allocation_pct x equity, less what it holds and was given earlier in the run. */
  readonly strategyRoom: number;
  /** Heat limit x equity, less the exposure (held and accepted earlier in the run). */
  readonly heatRoom: number;
  /** Buying power left after the cash buffer and earlier entries of the run. */
  readonly cashRoom: number;
}

export interface SizeLimit {
  readonly name: LimitName;
  readonly notional: number;
}

/** Every limit that applies (ATR sizing needs a price and an ATR), none negative. */
export function sizeLimits(i: LimitInput): SizeLimit[] {
  const riskPct = Math.min(ATR_TARGET_RISK_PCT, i.riskPerTradePct);
  const atr: SizeLimit[] =
    i.price !== null && i.price > 0 && i.atr !== null && i.atr > 0
      ? [{ name: 'atr_risk', notional: ((i.equity * riskPct) / 100 / i.atr) * i.price }]
      : [];
  const rest: SizeLimit[] = [
    { name: 'strategy_allocation', notional: i.strategyRoom },
    { name: 'max_position_pct', notional: (i.equity * i.maxPositionPct) / 100 },
    { name: 'max_position_usd', notional: i.maxPositionUsd },
    { name: 'heat_limit', notional: i.heatRoom },
    { name: 'cash', notional: i.cashRoom },
  ];
  return [...atr, ...rest].map((l) => ({ name: l.name, notional: Math.max(0, l.notional) }));
}

export interface SizeFactors {
  readonly limit_notional: number;
  readonly regime_scalar: number;
  readonly correlation_multiplier: number;
  readonly risk_scalar: number;
  readonly final_notional: number;
}

export interface Sized {
  readonly size: SizeFactors;
  /** The smallest limit. */
  readonly limitedBy: LimitName;
  /** Set when a scalar above 1 met a cap: the final size is that cap. */
  readonly cappedBy: LimitName | null;
}

export function finalSize(
  limits: readonly SizeLimit[],
  regimeScalar: number,
  correlationMultiplier: number,
  riskScalar: number,
): Sized {
  const smallestOf = (ls: readonly SizeLimit[]): SizeLimit =>
    ls.reduce<SizeLimit>((m, l) => (l.notional < m.notional ? l : m), {
      name: 'cash',
      notional: Infinity,
    });
  const smallest = smallestOf(limits);
  // ATR sizing is a target the scalars move; the other limits are caps no scalar may lift the size over.
  const cap = smallestOf(limits.filter((l) => l.name !== 'atr_risk'));
  const limit = Number.isFinite(smallest.notional) ? smallest.notional : 0;
  const scaled = limit * regimeScalar * correlationMultiplier * riskScalar;
  const capped = scaled > cap.notional;
  const final = floorCents(Math.min(scaled, cap.notional));
  return {
    size: {
      limit_notional: floorCents(limit),
      regime_scalar: regimeScalar,
      correlation_multiplier: correlationMultiplier,
      risk_scalar: riskScalar,
      final_notional: final,
    },
    limitedBy: smallest.name,
    cappedBy: capped ? cap.name : null,
  };
}

/** Room under the heat limit: limit % x equity - exposure. */
export const heatRoom = (heatLimitPct: number, equity: number, exposure: number): number =>
  Math.max(0, (heatLimitPct / 100) * equity - exposure);
