/**
 * @module The ranking rules of `strikeline rank`, pure: keep IN_TRADE + PROFITABLE, drop black sheep
 * and stale signals, order by win rate, profit factor, trade count, then ticker.
 */
import { daysBetween } from '../../domain/time/ny-dates.ts';
import type { SignalSummary } from './signal-summary.ts';
import { aggregateStrategies, type StrategyAggregate } from './strategy-aggregates.ts';

export interface RankOptions {
  /** The New York date the ranking is for (YYYY-MM-DD). */
  readonly asOf: string;
  readonly maxSignalAgeDays: number;
  readonly blackSheep: readonly string[];
  readonly allowBlackSheep: boolean;
}

export const DROP_REASONS = [
  'not_in_trade',
  'unprofitable',
  'black_sheep',
  'losing_strategy',
  'stale',
  'future_dated',
] as const;
export type DropReason = (typeof DROP_REASONS)[number];

export interface RankedSignal {
  readonly rank: number;
  readonly ticker: string;
  readonly strategy: string;
  readonly winRate: number;
  readonly trades: number;
  readonly profitFactor: number;
  readonly avgReturnPct: number;
  readonly signalDate: string;
  readonly price: number;
}

export interface DroppedSignal {
  readonly ticker: string;
  readonly strategy: string;
  readonly reason: DropReason;
  readonly detail: string;
}

export interface RankResult {
  readonly ranked: readonly RankedSignal[];
  readonly dropped: readonly DroppedSignal[];
  readonly aggregates: ReadonlyMap<string, StrategyAggregate>;
}

const cmp = (a: number | string, b: number | string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The ranking order: a total order over summaries as parsed (every field breaks ties, so input order never
 * matters; the parser reads a `-0` as 0, the one pair of distinct numbers `<` cannot order).
 */
export function compareSignals(a: SignalSummary, b: SignalSummary): number {
  return (
    cmp(b.win_rate, a.win_rate) ||
    cmp(b.profit_factor, a.profit_factor) ||
    cmp(b.trades, a.trades) ||
    cmp(a.ticker, b.ticker) ||
    cmp(a.strategy, b.strategy) ||
    cmp(b.signal_date, a.signal_date) ||
    cmp(b.avg_return_pct, a.avg_return_pct) ||
    cmp(a.price, b.price) ||
    cmp(a.state, b.state) ||
    cmp(a.verdict, b.verdict)
  );
}

function dropReason(
  s: SignalSummary,
  o: RankOptions,
  aggregates: ReadonlyMap<string, StrategyAggregate>,
): Omit<DroppedSignal, 'ticker' | 'strategy'> | undefined {
  if (s.state !== 'IN_TRADE') return { reason: 'not_in_trade', detail: `state ${s.state}` };
  if (s.verdict !== 'PROFITABLE') return { reason: 'unprofitable', detail: 'verdict UNPROFITABLE' };
  if (!o.allowBlackSheep && o.blackSheep.includes(s.strategy))
    return {
      reason: 'black_sheep',
      detail: `strategy ${s.strategy} is listed in ranker.black_sheep`,
    };
  const agg = aggregates.get(s.strategy);
  if (!o.allowBlackSheep && agg?.losing === true) {
    const pf = agg.profitFactor === Infinity ? 'inf' : (agg.profitFactor ?? 0).toFixed(2);
    return {
      reason: 'losing_strategy',
      detail: `strategy ${s.strategy} loses in aggregate over ${agg.logs} logs (${agg.trades} trades, avg return ${(agg.avgReturnPct ?? 0).toFixed(2)}%, profit factor ${pf})`,
    };
  }
  const age = daysBetween(s.signal_date, o.asOf);
  if (age > o.maxSignalAgeDays)
    return {
      reason: 'stale',
      detail: `signal of ${s.signal_date} is ${age} days old (max ${o.maxSignalAgeDays})`,
    };
  if (age < 0)
    return { reason: 'future_dated', detail: `signal of ${s.signal_date} is after ${o.asOf}` };
  return undefined;
}

export function rankSignals(summaries: readonly SignalSummary[], options: RankOptions): RankResult {
  const aggregates = aggregateStrategies(summaries);
  const kept: SignalSummary[] = [];
  const dropped: DroppedSignal[] = [];
  for (const s of summaries) {
    const drop = dropReason(s, options, aggregates);
    if (drop === undefined) kept.push(s);
    else dropped.push({ ticker: s.ticker, strategy: s.strategy, ...drop });
  }
  const ranked = [...kept].sort(compareSignals).map((s, i) => ({
    rank: i + 1,
    ticker: s.ticker,
    strategy: s.strategy,
    winRate: s.win_rate,
    trades: s.trades,
    profitFactor: s.profit_factor,
    avgReturnPct: s.avg_return_pct,
    signalDate: s.signal_date,
    price: s.price,
  }));
  return { ranked, dropped, aggregates };
}
