/**
 * @module The evidence behind one strategy x ticker verdict, computed where the backtest ran (a worker): the
 * out-of-sample trades' excess returns over buy-and-hold, their one-sided t-test, the exposure. Whether the
 * evidence is enough is decided later, across the whole family of tries (judge-family.ts).
 */
import type { BacktestResult } from '../../backtest/trade.ts';
import type { Series } from '../../series.ts';
import {
  benchmarkPct,
  excessReturns,
  exposureSessions,
  meanLogReturn,
} from '../stats/excess-returns.ts';
import { oneSidedTTest } from '../stats/t-test.ts';

export interface VerdictEvidence {
  /** The first session whose signals count (out of sample), or null for an empty series. */
  readonly oosFrom: string | null;
  /** Closed out-of-sample trades. */
  readonly trades: number;
  /** Buy-and-hold mean daily return over the out-of-sample window, percent (log return, as a rate). */
  readonly buyHoldDailyPct: number;
  /** Mean buy-and-hold benchmark per trade over the trade's own exposure, percent. */
  readonly benchmarkPct: number;
  /** Mean of (trade net return - its benchmark), percent. */
  readonly excessReturnPct: number;
  /** Sample standard deviation of the excess returns, percent. */
  readonly excessSdPct: number;
  readonly tStat: number | null;
  /** One-sided p-value of "mean excess > 0" (1 when it cannot be tested). */
  readonly pValue: number;
  /** Share of out-of-sample sessions with a position, percent. */
  readonly exposurePct: number;
}

/** Evidence from a backtest whose signals before `from` were suppressed (every trade is out of sample). */
export function verdictEvidence(
  series: Series,
  result: BacktestResult,
  from: number,
): VerdictEvidence {
  const n = series.close.length;
  const start = Math.min(Math.max(0, from), Math.max(0, n - 1));
  const mu = meanLogReturn(series.close, start);
  const counted = result.trades.filter((t) => t.entryIndex > start);
  const excess = excessReturns(counted, mu);
  const test = oneSidedTTest(excess);
  const held = counted.reduce((a, t) => a + exposureSessions(t), 0);
  const openHeld = result.open === null ? 0 : n - result.open.entryIndex;
  const bench = counted.reduce((a, t) => a + benchmarkPct(mu, exposureSessions(t)), 0);
  return {
    oosFrom: series.dates[start] ?? null,
    trades: counted.length,
    buyHoldDailyPct: mu * 100,
    benchmarkPct: counted.length === 0 ? 0 : bench / counted.length,
    excessReturnPct: test.mean,
    excessSdPct: test.sd,
    tStat: test.t,
    pValue: test.p,
    exposurePct: n - start > 0 ? (100 * Math.min(n - start, held + openHeld)) / (n - start) : 0,
  };
}
