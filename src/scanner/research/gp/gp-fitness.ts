/**
 * @module How good a rule is, in sample or out of sample: the rule's entries on every ticker, backtested with the
 * scan's exits and costs, pooled into one sample of excess returns over each ticker's own buy-and-hold, and
 * t-tested. In sample, only trades that entered and exited before the split count, and the fitness is the
 * t-statistic minus the parsimony pressure per node; out of sample, only trades entered after the split count.
 */
import { backtest, type BacktestOptions } from '../../backtest/backtest.ts';
import { excessReturns, meanLogReturn } from '../stats/excess-returns.ts';
import { oneSidedTTest, type TTest } from '../stats/t-test.ts';
import type { GpData } from './gp-data.ts';
import { ruleSignals, ruleSize, type Rule } from './rule.ts';

export interface PooledResult {
  readonly test: TTest;
  readonly trades: number;
  readonly tickersTraded: number;
  readonly winRate: number;
  readonly meanReturnPct: number;
}

export function pooledResult(
  rule: Rule,
  data: GpData,
  options: BacktestOptions,
  side: 'in' | 'out',
): PooledResult {
  const excess: number[] = [];
  let wins = 0;
  let returns = 0;
  let traded = 0;
  for (const t of data.tickers) {
    const n = t.series.close.length;
    const signals = ruleSignals(rule, n, t.columns);
    if (side === 'in') signals.fill(0, Math.max(0, t.split - 1));
    else signals.fill(0, 0, t.split);
    const trades = backtest(t.series, signals, options).trades.filter((x) =>
      side === 'in' ? x.exitIndex < t.split : x.entryIndex > t.split,
    );
    if (trades.length === 0) continue;
    traded += 1;
    const mu =
      side === 'in'
        ? meanLogReturn(t.series.close, 0, t.split)
        : meanLogReturn(t.series.close, t.split);
    for (const e of excessReturns(trades, mu)) excess.push(e);
    for (const x of trades) {
      if (x.returnPct > 0) wins += 1;
      returns += x.returnPct;
    }
  }
  const k = excess.length;
  return {
    test: oneSidedTTest(excess),
    trades: k,
    tickersTraded: traded,
    winRate: k === 0 ? 0 : wins / k,
    meanReturnPct: k === 0 ? 0 : returns / k,
  };
}

/** In-sample fitness: t-statistic of pooled excess returns minus parsimony x size; -Infinity below `minTrades`. */
export function gpFitness(
  rule: Rule,
  data: GpData,
  options: BacktestOptions,
  minTrades: number,
  parsimony: number,
): number {
  const r = pooledResult(rule, data, options, 'in');
  if (r.trades < Math.max(2, minTrades) || r.test.t === null) return -Infinity;
  return r.test.t - parsimony * ruleSize(rule);
}
