/**
 * @module The thresholds of an honest verdict, from `scanner:` in config: minimum out-of-sample trades, the
 * drawdown limit, the minimum mean excess return per trade, and the false-discovery rate of the
 * Benjamini–Hochberg correction across every strategy x ticker tried.
 */
import type { Config } from '../../../config/schema.ts';

export interface VerdictRules {
  /** Out-of-sample closed trades needed before a verdict can be PROFITABLE. */
  readonly minTrades: number;
  /** The largest drawdown of the out-of-sample equity (percent of its peak) a PROFITABLE strategy may have. */
  readonly maxDrawdownPct: number;
  /** The mean excess return per trade over buy-and-hold (percent) must be above this. */
  readonly minExcessReturnPct: number;
  /** Benjamini–Hochberg false-discovery rate, as a fraction (0.05 = 5%). */
  readonly fdr: number;
}

export function verdictRules(config: Pick<Config, 'scanner'>): VerdictRules {
  const v = config.scanner.verdict;
  return {
    minTrades: config.scanner.min_trades,
    maxDrawdownPct: v.max_drawdown_pct,
    minExcessReturnPct: v.min_excess_return_pct,
    fdr: v.fdr_pct / 100,
  };
}
