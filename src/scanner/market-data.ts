/**
 * @module The scan's market data: a grid of session dates and, per symbol, a contiguous series on that grid.
 * `symbols` are the universe (scanned, logged); `series` also holds context symbols (SPY, the VIX proxy).
 */
import { truncateSeries, type Series } from './series.ts';

export interface MarketData {
  /** Session dates of the grid, ascending (YYYY-MM-DD, New York). */
  readonly dates: readonly string[];
  /** The universe: the symbols scanned and logged, in order. */
  readonly symbols: readonly string[];
  /** Every series by symbol, the universe's and the context symbols'. */
  readonly series: ReadonlyMap<string, Series>;
}

/** The market as of grid index `last` (inclusive): every bar after it is dropped. */
export function marketAsOf(market: MarketData, last: number): MarketData {
  const series = new Map<string, Series>();
  for (const [symbol, s] of market.series) {
    const length = last - s.start + 1;
    if (length > 0) series.set(symbol, truncateSeries(s, length));
  }
  return {
    dates: market.dates.slice(0, last + 1),
    symbols: market.symbols.filter((sym) => series.has(sym)),
    series,
  };
}

/** Values of one column of every universe series at grid index t (NaN where a series has no bar). */
export function columnAt(
  market: MarketData,
  column: (s: Series) => ArrayLike<number>,
  t: number,
): Float64Array {
  const out = new Float64Array(market.symbols.length).fill(Number.NaN);
  market.symbols.forEach((sym, k) => {
    const s = market.series.get(sym);
    if (s === undefined) return;
    const i = t - s.start;
    const col = column(s);
    if (i >= 0 && i < col.length) out[k] = col[i] as number;
  });
  return out;
}
