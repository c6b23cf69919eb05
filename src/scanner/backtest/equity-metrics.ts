/**
 * @module Sharpe, Sortino and max drawdown of a daily equity curve in two passes over a Float64Array, with no
 * allocation: the same definitions as src/domain/rules/metrics.ts (sample SD for Sharpe, downside deviation over all
 * periods for Sortino, annualised with 252; returns skipped where the previous equity is not positive), which
 * a property test checks. A scan computes these 6,500 times over 2,500-day curves.
 */
import { PERIODS_PER_YEAR } from '../../domain/rules/metrics.ts';

export interface EquityMetrics {
  readonly sharpe: number | null;
  readonly sortino: number | null;
  /** Largest peak-to-trough fall as a fraction of the peak, 0..1. */
  readonly maxDrawdown: number;
}

export function equityMetrics(equity: Float64Array, from = 0): EquityMetrics {
  const n = equity.length;
  let count = 0;
  let sum = 0;
  let peak = 0;
  let worst = 0;
  for (let i = from; i < n; i += 1) {
    const e = equity[i] as number;
    if (e > peak) peak = e;
    if (peak > 0) worst = Math.max(worst, (peak - Math.max(e, 0)) / peak);
    const prev = equity[i - 1];
    if (i > from && prev !== undefined && prev > 0 && e >= 0) {
      sum += e / prev - 1;
      count += 1;
    }
  }
  const mean = count > 0 ? sum / count : 0;
  let ss = 0;
  let down = 0;
  for (let i = from + 1; i < n; i += 1) {
    const prev = equity[i - 1] as number;
    const e = equity[i] as number;
    if (!(prev > 0 && e >= 0)) continue;
    const r = e / prev - 1;
    ss += (r - mean) * (r - mean);
    if (r < 0) down += r * r;
  }
  const annual = Math.sqrt(PERIODS_PER_YEAR);
  const sd = count > 1 ? Math.sqrt(ss / (count - 1)) : 0;
  const downside = count > 1 ? Math.sqrt(down / count) : 0;
  return {
    sharpe: count < 2 || sd === 0 ? null : (mean / sd) * annual,
    sortino: count < 2 || downside === 0 ? null : (mean / downside) * annual,
    maxDrawdown: Math.min(1, worst),
  };
}
