/**
 * @module One ticker through every selected strategy: signals, backtest, statistics, verdict evidence and state.
 * The verdict itself needs the whole family of tries (judge-scan.ts), so only the trades of outcomes that may
 * end up speaking for the ticker travel on: those passing every rule that does not depend on the family, and
 * the best of the rest (the one chosen when none is PROFITABLE).
 */
import { localFailure } from '../research/verdict/judge-family.ts';
import type { VerdictRules } from '../research/verdict/verdict-rules.ts';
import type { Series } from '../series.ts';
import type { Strategy, StrategyContext } from '../strategies/strategy.ts';
import { compareWithinGroup } from './pick-best.ts';
import { runStrategy, type OutcomeResult } from './run-strategy.ts';
import type { ScanOptions } from './scan-options.ts';

export type { ScanOptions } from './scan-options.ts';

/** A ticker's outcomes before the family verdict. */
export interface TickerResult {
  readonly symbol: string;
  readonly bars: number;
  readonly lastDate: string;
  readonly lastClose: number;
  readonly outcomes: readonly OutcomeResult[];
}

const eligible = (o: OutcomeResult, rules: VerdictRules): boolean =>
  localFailure({ evidence: o.evidence, maxDrawdownPct: o.stats.maxDrawdownPct }, rules) === null;

/** A ticker's outcomes in the order of its strategies; undefined where a strategy has not run yet. */
export type PartialOutcomes = ReadonlyArray<OutcomeResult | undefined>;

/** Runs the strategies `select` picks that have not run yet (a worker runs those without scan-wide data first). */
export function runOutcomes(
  series: Series,
  strategies: readonly Strategy[],
  ctx: StrategyContext,
  options: ScanOptions,
  select: (strategy: Strategy) => boolean = () => true,
  done: PartialOutcomes = [],
): PartialOutcomes {
  return strategies.map(
    (strategy, k) =>
      done[k] ?? (select(strategy) ? runStrategy(series, strategy, ctx, options) : undefined),
  );
}

/** The ticker's result once every strategy has run: the trades travel only with the outcomes that may speak for it. */
export function tickerResult(
  series: Series,
  outcomes: PartialOutcomes,
  options: ScanOptions,
): TickerResult {
  const all = outcomes.map((o) => {
    if (o === undefined) throw new Error(`${series.symbol}: a strategy has not run`);
    return o;
  });
  const fallback = all.filter((o) => !eligible(o, options.verdict)).sort(compareWithinGroup)[0];
  const n = series.close.length;
  return {
    symbol: series.symbol,
    bars: n,
    lastDate: series.dates[n - 1] ?? '',
    lastClose: series.close[n - 1] ?? Number.NaN,
    outcomes: all.map((o) =>
      o === fallback || eligible(o, options.verdict) ? o : { ...o, trades: null },
    ),
  };
}

export function scanTicker(
  series: Series,
  strategies: readonly Strategy[],
  ctx: StrategyContext,
  options: ScanOptions,
): TickerResult {
  return tickerResult(series, runOutcomes(series, strategies, ctx, options), options);
}
