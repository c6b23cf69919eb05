/**
 * @module One ticker of the verdict study: every strategy's out-of-sample outcome beside its random-entry
 * control (same number of trades, same holding periods, random sessions of the same window, seeded by the
 * research seed, the ticker and the strategy).
 */
import type { BacktestStats } from '../../backtest/stats.ts';
import { backtestStats } from '../../backtest/stats.ts';
import { runStrategy } from '../../scan/run-strategy.ts';
import type { ScanOptions } from '../../scan/ticker-scan.ts';
import type { Series } from '../../series.ts';
import type { ScanStrategyName, Strategy, StrategyContext } from '../../strategies/strategy.ts';
import { randomEntryControl } from '../controls/random-entries.ts';
import { firstIndexOnOrAfter } from '../params/param-schedule.ts';
import { seededRng } from '../random/rng.ts';
import type { Judged } from '../verdict/judge-family.ts';
import { verdictEvidence } from '../verdict/verdict-evidence.ts';

export interface StudyOutcome extends Judged {
  readonly symbol: string;
  readonly strategy: ScanStrategyName;
  /** The full-history description, for the rule the scan used before honest verdicts. */
  readonly stats: Pick<BacktestStats, 'trades' | 'expectancyUsd'>;
  readonly control: Judged;
}

export function controlTicker(
  series: Series,
  strategies: readonly Strategy[],
  ctx: StrategyContext,
  options: ScanOptions,
  seed: number,
): StudyOutcome[] {
  return strategies.map((strategy) => {
    const real = runStrategy(series, strategy, ctx, options);
    const from = Math.max(0, firstIndexOnOrAfter(series.dates, real.evidence.oosFrom ?? ''));
    const rng = seededRng(seed, 'random-entries', series.symbol, strategy.name);
    const control = randomEntryControl(series, real.trades ?? [], from, rng, options.backtest);
    return {
      symbol: series.symbol,
      strategy: strategy.name,
      evidence: real.evidence,
      maxDrawdownPct: real.stats.maxDrawdownPct,
      stats: { trades: real.stats.trades, expectancyUsd: real.stats.expectancyUsd },
      control: {
        evidence: verdictEvidence(series, control, from),
        maxDrawdownPct: backtestStats(control, from).maxDrawdownPct,
      },
    };
  });
}
