/**
 * @module Puts validated daily bars on the session grid: each symbol's bars must be a contiguous run of grid
 * sessions (the validator guarantees it), so bar i of a series is grid session `start + i`.
 */
import type { Bar } from '../../domain/account.ts';
import type { MarketData } from '../market-data.ts';
import { seriesFromBars, type Series } from '../series.ts';
import { barDate } from './bar-date.ts';

export class GridError extends Error {
  override readonly name = 'GridError';
}

/** A market from grid dates, the universe's symbols, and bars for them and the context symbols. */
export function assembleMarket(dates: readonly string[], symbols: readonly string[], bars: ReadonlyMap<string, readonly Bar[]>): MarketData {
  const index = new Map(dates.map((d, i) => [d, i]));
  const series = new Map<string, Series>();
  for (const [symbol, list] of bars) {
    if (list.length === 0) continue;
    const first = list[0] as Bar;
    const start = index.get(barDate(first));
    if (start === undefined) throw new GridError(`${symbol}: first bar ${barDate(first)} is not a session of the grid`);
    const barDates = list.map((b, i) => {
      const d = barDate(b);
      if (dates[start + i] !== d) throw new GridError(`${symbol}: bar ${d} is not session ${dates[start + i] ?? '(past the grid)'}`);
      return d;
    });
    series.set(symbol, seriesFromBars(symbol, start, barDates, list));
  }
  return { dates, symbols: symbols.filter((s) => series.has(s)), series };
}
