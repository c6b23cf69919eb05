/**
 * @module Which strategy speaks for a ticker in its signal log. Actionable edge first: PROFITABLE strategies
 * entering at the next open (IN_TRADE), then other PROFITABLE ones, then the rest; within a group by expectancy
 * (average net return per trade), then win rate, then trade count, then name (deterministic).
 */
import type { BacktestStats } from '../backtest/stats.ts';
import type { VerdictDecision } from '../research/verdict/judge-family.ts';
import type { OutcomeResult } from './run-strategy.ts';

/** One strategy's outcome on a ticker with the family's verdict (judge-scan.ts). */
export interface StrategyOutcome extends Omit<OutcomeResult, 'trades'> {
  readonly verdict: VerdictDecision;
}

interface Ranked {
  readonly strategy: string;
  readonly stats: BacktestStats;
}

function group(o: StrategyOutcome): number {
  if (o.verdict.verdict === 'PROFITABLE') return o.state === 'IN_TRADE' ? 0 : 1;
  return 2;
}

/** The order inside one group (also how the best of the unprofitable is found before the verdict). */
export function compareWithinGroup(a: Ranked, b: Ranked): number {
  return (
    b.stats.avgReturnPct - a.stats.avgReturnPct ||
    b.stats.winRate - a.stats.winRate ||
    b.stats.trades - a.stats.trades ||
    a.strategy.localeCompare(b.strategy)
  );
}

export function compareOutcomes(a: StrategyOutcome, b: StrategyOutcome): number {
  return group(a) - group(b) || compareWithinGroup(a, b);
}

export function pickBest<T extends StrategyOutcome>(outcomes: readonly T[]): T | null {
  return [...outcomes].sort(compareOutcomes)[0] ?? null;
}
