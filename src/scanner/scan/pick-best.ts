/**
 * @module Which strategy speaks for a ticker in its signal log. Actionable edge first: PROFITABLE strategies
 * entering at the next open (IN_TRADE), then other PROFITABLE ones, then the rest; within a group by expectancy
 * (average net return per trade), then win rate, then trade count, then name (deterministic).
 */
import type { StrategyOutcome } from './ticker-scan.ts';

function group(o: StrategyOutcome): number {
  if (o.stats.verdict === 'PROFITABLE') return o.state === 'IN_TRADE' ? 0 : 1;
  return 2;
}

export function compareOutcomes(a: StrategyOutcome, b: StrategyOutcome): number {
  return (
    group(a) - group(b) ||
    b.stats.avgReturnPct - a.stats.avgReturnPct ||
    b.stats.winRate - a.stats.winRate ||
    b.stats.trades - a.stats.trades ||
    a.strategy.localeCompare(b.strategy)
  );
}

export function pickBest(outcomes: readonly StrategyOutcome[]): StrategyOutcome | null {
  return [...outcomes].sort(compareOutcomes)[0] ?? null;
}
