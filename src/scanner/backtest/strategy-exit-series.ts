/**
 * @module A strategy's own exit rule over a series, for the backtest: at each close the view the daemon builds
 * at a live price (RSI(14), the 20-day VWAP, the 20/100-day averages, the model's P(up), sessions held), handed
 * to the same pure rule (domain/rules/strategy-exits). Strategies without a rule of their own get none.
 */
import {
  evaluateStrategyExit,
  hasStrategyExit,
  STRATEGY_EXIT_PERIODS as P,
  type StrategyExitDecision,
} from '../../domain/rules/strategy-exits/strategy-exit-rules.ts';
import type { Series } from '../series.ts';
import { mlProbabilities } from '../strategies/ml-momentum.ts';
import type { ScanStrategyName, StrategyContext } from '../strategies/strategy.ts';

/** The decision at the close of bar i for a position entered at the open of bar entryIndex. */
export type StrategyExitAt = (i: number, entryIndex: number) => StrategyExitDecision | null;

const at = (values: Float64Array | null, i: number): number | null => {
  const v = values?.[i];
  return v === undefined || Number.isNaN(v) ? null : v;
};

export function strategyExitSeries(
  strategy: ScanStrategyName,
  s: Series,
  ctx: StrategyContext,
): StrategyExitAt | null {
  if (!hasStrategyExit(strategy)) return null;
  const ind = ctx.indicators(s);
  const rsi = strategy === 'rsi_mean_reversion' ? ind.rsi(P.rsi) : null;
  const vwap = strategy === 'rsi_mean_reversion' ? ind.vwap(P.vwap) : null;
  const fast = strategy === 'ma_crossover' ? ind.sma(P.fastMa) : null;
  const slow = strategy === 'ma_crossover' ? ind.sma(P.slowMa) : null;
  const up = strategy === 'ml_momentum' ? mlProbabilities(s, ctx) : null;
  return (i, entryIndex) =>
    evaluateStrategyExit(strategy, {
      price: s.close[i] as number,
      sessionsHeld: i - entryIndex,
      rsi: at(rsi, i),
      vwap: at(vwap, i),
      fastMa: at(fast, i),
      slowMa: at(slow, i),
      upProbability: at(up, i),
    });
}
