/**
 * @module The account breakers measured on a broker account poll, as the daemon's audit and `trade` both take
 * one: the high-water mark moved by the broker's equity, the poll's reading added to the rapid-loss window, the
 * account breakers evaluated, the book's equity marks set. Each caller adds its other breakers (orders,
 * strategies, reconciliation) before folding the evaluations into the book.
 */
import { accountBreakers, nextHighWater, trimWindow, type Evaluation } from './account-breakers.ts';
import type { RiskLimits } from './breaker.ts';
import type { RiskBook } from './risk-book.ts';

export interface PolledAccount {
  readonly equity: number;
  /** Equity at the last session's close (Alpaca's last_equity). */
  readonly lastEquity: number;
}

export interface AccountPoll {
  /** The book with the poll's window and equity marks. */
  readonly book: RiskBook;
  readonly evaluation: Evaluation;
}

export function measureAccountPoll(
  book: RiskBook,
  account: PolledAccount,
  now: number,
  tsSessionEnd: number,
  limits: RiskLimits,
): AccountPoll {
  const { equity, lastEquity } = account;
  const highWater = nextHighWater(book.equity?.highWater ?? Math.max(equity, lastEquity), equity);
  const window = trimWindow([...book.window, { ts: now, equity }], now, limits.rapidLossWindowMs);
  return {
    book: {
      ...book,
      window,
      equity: { current: equity, lastClose: lastEquity, highWater, ts: now },
    },
    evaluation: accountBreakers(
      { now, equity, lastClose: lastEquity, highWater, window, tsSessionEnd },
      limits,
    ),
  };
}
