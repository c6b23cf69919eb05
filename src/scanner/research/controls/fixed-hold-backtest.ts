/**
 * @module A backtest of given entries held for given numbers of sessions: buy at the entry session's open, sell
 * at the close `hold` sessions later, with the scan's cost model and fixed notional. The random-entry control
 * runs on it, so its trades pay exactly what a strategy's trades pay.
 */
import { executionPrice } from '../../../domain/rules/costs.ts';
import type { BacktestOptions } from '../../backtest/backtest.ts';
import type { BacktestResult, Trade } from '../../backtest/trade.ts';
import type { Series } from '../../series.ts';

export interface HeldEntry {
  /** Session index of the entry (filled at its open). */
  readonly entry: number;
  /** Sessions from entry to exit (0 = sold at the entry session's close). */
  readonly hold: number;
}

function tradeOf(s: Series, e: HeldEntry, o: BacktestOptions): Trade {
  const exitIndex = e.entry + e.hold;
  const rawEntry = s.open[e.entry] as number;
  const rawExit = s.close[exitIndex] as number;
  const entryPrice = executionPrice(rawEntry, 'buy', o.costs);
  const exitPrice = executionPrice(rawExit, 'sell', o.costs);
  const shares = o.notional / entryPrice;
  const pnl = (exitPrice - entryPrice) * shares - 2 * shares * o.costs.commissionPerShare;
  return {
    entryIndex: e.entry,
    exitIndex,
    entryDate: s.dates[e.entry] as string,
    exitDate: s.dates[exitIndex] as string,
    entryPrice,
    exitPrice,
    shares,
    reason: 'time_stop',
    pnl,
    returnPct: (pnl / (entryPrice * shares)) * 100,
    grossReturnPct: (rawExit / rawEntry - 1) * 100,
  };
}

/** Entries must be ascending and not overlap (each exits before the next enters); later ones are dropped if not. */
export function fixedHoldBacktest(
  s: Series,
  entries: readonly HeldEntry[],
  o: BacktestOptions,
): BacktestResult {
  const n = s.close.length;
  const trades: Trade[] = [];
  let free = 0;
  for (const e of entries) {
    if (e.entry < free || e.entry + e.hold >= n) continue;
    trades.push(tradeOf(s, e, o));
    free = e.entry + e.hold + 1;
  }
  const equity = new Float64Array(n);
  let realised = 0;
  let k = 0;
  for (let i = 0; i < n; i += 1) {
    const t = trades[k];
    let marked = 0;
    if (t !== undefined && i >= t.entryIndex) {
      if (i === t.exitIndex) {
        realised += t.pnl;
        k += 1;
      } else
        marked =
          ((s.close[i] as number) - t.entryPrice) * t.shares -
          t.shares * o.costs.commissionPerShare;
    }
    equity[i] = o.notional + realised + marked;
  }
  return { trades, open: null, pending: false, equity };
}
