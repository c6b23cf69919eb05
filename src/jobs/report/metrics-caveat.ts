/** @module The caveat a report prints when its metrics rest on too few days or trades to mean much. */
import type { ReportMetrics } from './report-data.ts';

/** About one month of sessions: fewer daily returns make Sharpe, Sortino and Calmar mostly noise. */
export const MIN_EQUITY_DAYS = 20;
/** The usual small-sample bound: below it a win rate or profit factor can swing on a single trade. */
export const MIN_TRADES = 30;

/** One sentence naming what is short, or null when both samples are large enough. */
export function metricsCaveat(m: Pick<ReportMetrics, 'equity' | 'trades'>): string | null {
  const short: string[] = [];
  if (m.equity.points < MIN_EQUITY_DAYS)
    short.push(`${m.equity.points} days of equity (${MIN_EQUITY_DAYS} wanted)`);
  if (m.trades.overall.trades < MIN_TRADES)
    short.push(`${m.trades.overall.trades} closed trades (${MIN_TRADES} wanted)`);
  return short.length === 0
    ? null
    : `Caveat: these metrics rest on ${short.join(' and ')}; read them as anecdotes, not evidence.`;
}
