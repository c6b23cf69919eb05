/**
 * @module The trials of one strategy on one ticker during optimisation: each parameter set's signals and its
 * backtest over the whole series (the scan's exits: the configured stops and the strategy's own rule), computed
 * once and cached (every fold reads the same trades); and the
 * in-sample fitness of a parameter set on a window: the t-statistic of the excess returns of the trades that
 * entered and exited inside the window (a trade still open at the window's end would borrow its outcome from
 * the future). Fewer trades than the minimum give -Infinity: no evidence is the worst fitness.
 */
import { backtest, type BacktestOptions } from '../../backtest/backtest.ts';
import type { StrategyExitAt } from '../../backtest/strategy-exit-series.ts';
import type { Trade } from '../../backtest/trade.ts';
import type { Series } from '../../series.ts';
import type { ParameterizedStrategy, StrategyContext } from '../../strategies/strategy.ts';
import { paramKey, type ParamValues } from '../params/parameter-spec.ts';
import { excessReturns, meanLogReturn } from '../stats/excess-returns.ts';
import { oneSidedTTest } from '../stats/t-test.ts';
import type { Fold } from './folds.ts';

export interface ComboTrials {
  signals(params: ParamValues): Uint8Array;
  trades(params: ParamValues): readonly Trade[];
  /** Distinct parameter sets backtested so far. */
  evaluations(): number;
  /** The strategy's own exit rule the backtests apply (the scan's), or null. */
  readonly exitAt: StrategyExitAt | null;
}

export function comboTrials(
  series: Series,
  strategy: ParameterizedStrategy,
  ctx: StrategyContext,
  options: BacktestOptions,
  exitAt: StrategyExitAt | null,
): ComboTrials {
  const cache = new Map<string, { signals: Uint8Array; trades: readonly Trade[] }>();
  const entry = (params: ParamValues) => {
    const key = paramKey(strategy.parameters, params);
    let hit = cache.get(key);
    if (hit === undefined) {
      const signals = strategy.signalsWith(series, ctx, params);
      hit = { signals, trades: backtest(series, signals, options, exitAt).trades };
      cache.set(key, hit);
    }
    return hit;
  };
  return {
    signals: (p) => entry(p).signals,
    trades: (p) => entry(p).trades,
    evaluations: () => cache.size,
    exitAt,
  };
}

export interface WindowFitness {
  readonly fitness: number;
  readonly trades: number;
}

/** Fitness of trades on the window [isFrom, isTo): t-statistic of excess returns over buy-and-hold. */
export function windowFitness(
  trades: readonly Trade[],
  close: ArrayLike<number>,
  fold: Pick<Fold, 'isFrom' | 'isTo'>,
  minTrades: number,
): WindowFitness {
  const inside = trades.filter((t) => t.entryIndex > fold.isFrom && t.exitIndex < fold.isTo);
  if (inside.length < Math.max(2, minTrades)) return { fitness: -Infinity, trades: inside.length };
  const mu = meanLogReturn(close, fold.isFrom, fold.isTo);
  const t = oneSidedTTest(excessReturns(inside, mu)).t;
  return { fitness: t ?? -Infinity, trades: inside.length };
}
