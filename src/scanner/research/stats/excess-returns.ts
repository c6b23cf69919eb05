/**
 * @module Excess return per trade against the ticker's own buy-and-hold over the same exposure. A long-only rule
 * that sits in a drifting market earns the drift for every day it holds; that is exposure, not edge. The
 * benchmark of a trade held over sessions e..x is what buy-and-hold earned on average over that many sessions
 * in the same window: exp(mu x (x - e + 1)) - 1, with mu the mean daily log return (close to close) of the
 * window. Counting the entry session whole overstates the benchmark by a fraction of a day's drift: on the
 * side of the null hypothesis.
 */

export interface TradeSpan {
  readonly entryIndex: number;
  readonly exitIndex: number;
  /** Net return after costs, percent. */
  readonly returnPct: number;
}

/** Mean daily log return of closes over [from, to) (the first return is from `from` to `from + 1`); 0 when empty. */
export function meanLogReturn(close: ArrayLike<number>, from: number, to = close.length): number {
  const a = Math.max(0, from);
  const b = Math.min(to, close.length);
  if (b - a < 2) return 0;
  return Math.log((close[b - 1] as number) / (close[a] as number)) / (b - 1 - a);
}

/** Sessions a trade is exposed to the market: entry session through exit session. */
export const exposureSessions = (t: TradeSpan): number => t.exitIndex - t.entryIndex + 1;

/** The benchmark return in percent of holding `sessions` sessions at mean daily log return `mu`. */
export const benchmarkPct = (mu: number, sessions: number): number =>
  (Math.exp(mu * sessions) - 1) * 100;

/** Each trade's net return minus its buy-and-hold benchmark, in percent. */
export function excessReturns(trades: readonly TradeSpan[], mu: number): Float64Array {
  return Float64Array.from(trades, (t) => t.returnPct - benchmarkPct(mu, exposureSessions(t)));
}
