/**
 * @module Performance metrics of seed 002 as pure functions: Sharpe, Sortino, Calmar, max drawdown
 * over an equity series; win rate and profit factor over trade P/Ls. Undefined ratios are null.
 */

/** Trading days per year, for annualising daily figures. */
export const PERIODS_PER_YEAR = 252;

/** Simple returns between consecutive equity values (pairs with a non-positive base or a non-finite return are skipped). */
export function periodReturns(equity: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < equity.length; i += 1) {
    const prev = equity[i - 1] ?? 0;
    const cur = equity[i] ?? 0;
    const r = cur / prev - 1;
    if (prev > 0 && cur >= 0 && Number.isFinite(r)) out.push(r);
  }
  return out;
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Ratios of absurd inputs can overflow; an overflowed ratio means nothing, so it is null. */
const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** Sample standard deviation (n - 1); 0 for fewer than two values. */
export function stdev(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
}

/** Annualised Sharpe ratio (risk-free rate 0); null with fewer than two returns or no variation. */
export function sharpeRatio(
  returns: readonly number[],
  periodsPerYear = PERIODS_PER_YEAR,
): number | null {
  const sd = stdev(returns);
  if (returns.length < 2 || sd === 0) return null;
  return finiteOrNull((mean(returns) / sd) * Math.sqrt(periodsPerYear));
}

/** Annualised Sortino ratio: mean return over the downside deviation (target 0); null without losses. */
export function sortinoRatio(
  returns: readonly number[],
  periodsPerYear = PERIODS_PER_YEAR,
): number | null {
  if (returns.length < 2) return null;
  const downside = Math.sqrt(returns.reduce((a, r) => a + Math.min(r, 0) ** 2, 0) / returns.length);
  if (downside === 0) return null;
  return finiteOrNull((mean(returns) / downside) * Math.sqrt(periodsPerYear));
}

/** Largest peak-to-trough fall of an equity series, as a fraction of the peak, in [0, 1]. */
export function maxDrawdown(equity: readonly number[]): number {
  let peak = 0;
  let worst = 0;
  for (const e of equity) {
    if (e > peak) peak = e;
    if (peak > 0) worst = Math.max(worst, (peak - Math.max(e, 0)) / peak);
  }
  return Math.min(1, worst);
}

/** Compound annual growth rate of a series sampled once per period; null when undefined. */
export function annualisedReturn(
  equity: readonly number[],
  periodsPerYear = PERIODS_PER_YEAR,
): number | null {
  const first = equity[0];
  const last = equity[equity.length - 1];
  if (equity.length < 2 || first === undefined || last === undefined || first <= 0 || last < 0)
    return null;
  return finiteOrNull((last / first) ** (periodsPerYear / (equity.length - 1)) - 1);
}

/** Calmar ratio: annualised return over max drawdown; null when there was no drawdown. */
export function calmarRatio(
  equity: readonly number[],
  periodsPerYear = PERIODS_PER_YEAR,
): number | null {
  const dd = maxDrawdown(equity);
  const annual = annualisedReturn(equity, periodsPerYear);
  if (dd === 0 || annual === null) return null;
  return finiteOrNull(annual / dd);
}

/** Share of trades with a positive P/L, in [0, 1]; null without trades. */
export function winRate(pnls: readonly number[]): number | null {
  if (pnls.length === 0) return null;
  return pnls.filter((p) => p > 0).length / pnls.length;
}

/** Gross profit over gross loss; Infinity with profits and no losses; null without any loss or profit. */
export function profitFactor(pnls: readonly number[]): number | null {
  const profit = pnls.filter((p) => p > 0).reduce((a, b) => a + b, 0);
  const loss = -pnls.filter((p) => p < 0).reduce((a, b) => a + b, 0);
  if (loss === 0) return profit > 0 ? Infinity : null;
  return profit / loss;
}
