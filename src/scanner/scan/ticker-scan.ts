/** @module One ticker through every selected strategy: signals, backtest, statistics, state; the best one kept whole. */
import type { StrategyName } from '../../adapters/config/schema.ts';
import { backtest, type BacktestOptions } from '../backtest/backtest.ts';
import { backtestStats, type BacktestStats } from '../backtest/stats.ts';
import type { OpenPosition, Trade } from '../backtest/trade.ts';
import type { Series } from '../series.ts';
import type { Strategy, StrategyContext } from '../strategies/strategy.ts';
import { pickBest } from './pick-best.ts';
import { lastSignalIndex, signalState, type SignalState } from './signal-state.ts';

export interface StrategyOutcome {
  readonly strategy: StrategyName;
  readonly stats: BacktestStats;
  readonly state: SignalState;
  readonly signals: number;
  readonly lastSignalDate: string | null;
  readonly open: OpenPosition | null;
}

export interface TickerScan {
  readonly symbol: string;
  readonly bars: number;
  readonly lastDate: string;
  readonly lastClose: number;
  readonly outcomes: readonly StrategyOutcome[];
  /** The strategy written to the ticker's signal log, with its trades (null when no strategy ran). */
  readonly best: (StrategyOutcome & { readonly trades: readonly Trade[] }) | null;
}

export interface ScanOptions {
  readonly backtest: BacktestOptions;
  readonly minTrades: number;
}

export function scanTicker(
  series: Series,
  strategies: readonly Strategy[],
  ctx: StrategyContext,
  options: ScanOptions,
): TickerScan {
  const outcomes: StrategyOutcome[] = [];
  const trades = new Map<StrategyName, readonly Trade[]>();
  for (const strategy of strategies) {
    const signals = strategy.signals(series, ctx);
    const result = backtest(series, signals, options.backtest);
    const last = lastSignalIndex(signals);
    outcomes.push({
      strategy: strategy.name,
      stats: backtestStats(result, strategy.warmup, options.minTrades),
      state: signalState(signals, result),
      signals: signals.reduce((a, b) => a + b, 0),
      lastSignalDate: last < 0 ? null : (series.dates[last] as string),
      open: result.open,
    });
    trades.set(strategy.name, result.trades);
  }
  const best = pickBest(outcomes);
  const n = series.close.length;
  return {
    symbol: series.symbol,
    bars: n,
    lastDate: series.dates[n - 1] ?? '',
    lastClose: series.close[n - 1] ?? Number.NaN,
    outcomes,
    best: best === null ? null : { ...best, trades: trades.get(best.strategy) ?? [] },
  };
}
