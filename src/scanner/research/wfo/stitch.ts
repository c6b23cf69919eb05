/**
 * @module The out-of-sample result of a walk-forward run: one backtest over signals stitched from each fold's
 * chosen parameters on its own out-of-sample window (nothing before the first), so the equity curve is one
 * continuous account; its trades give the verdict evidence.
 */
import { backtest, type BacktestOptions } from '../../backtest/backtest.ts';
import { backtestStats, type BacktestStats } from '../../backtest/stats.ts';
import type { BacktestResult } from '../../backtest/trade.ts';
import type { Series } from '../../series.ts';
import { verdictEvidence, type VerdictEvidence } from '../verdict/verdict-evidence.ts';
import type { ComboTrials } from './combo-trials.ts';
import type { FoldChoice } from './walk-forward.ts';

export interface StitchedResult {
  readonly from: number;
  readonly result: BacktestResult;
  readonly stats: BacktestStats;
  readonly evidence: VerdictEvidence;
}

export function stitchOutOfSample(
  series: Series,
  folds: readonly FoldChoice[],
  trials: ComboTrials,
  options: BacktestOptions,
): StitchedResult {
  const n = series.close.length;
  const signals = new Uint8Array(n);
  for (const f of folds)
    signals.set(trials.signals(f.params).subarray(f.fold.oosFrom, f.fold.oosTo), f.fold.oosFrom);
  const from = folds[0]?.fold.oosFrom ?? n;
  const result = backtest(series, signals, options, trials.exitAt);
  return {
    from,
    result,
    stats: backtestStats(result, from),
    evidence: verdictEvidence(series, result, from),
  };
}
