/**
 * @module Puts validated daily bars on the session grid: each symbol's bars must be a contiguous run of grid
 * sessions (the validator guarantees it), so bar i of a series is grid session `start + i`. A series shares the
 * grid's date strings and the bars' columns (no string or object per bar).
 */
import type { Bar } from '../../domain/account.ts';
import type { MarketData } from '../market-data.ts';
import { dayNumber, type Series } from '../series.ts';
import { columnsFromBars, sessionDayOf, type BarColumns } from './bar-columns.ts';
import { dateOfDay } from './bar-date.ts';

export class GridError extends Error {
  override readonly name = 'GridError';
}

/** A market from grid dates, the universe's symbols, and bars (as columns) for them and the context symbols. */
export function assembleMarketColumns(dates: readonly string[], symbols: readonly string[], bars: ReadonlyMap<string, BarColumns>): MarketData {
  const gridDays = Int32Array.from(dates, dayNumber);
  const index = new Map<number, number>();
  gridDays.forEach((day, i) => index.set(day, i));
  const series = new Map<string, Series>();
  for (const [symbol, c] of bars) {
    if (c.length === 0) continue;
    const firstDay = sessionDayOf(c.ts[0] as number);
    const start = index.get(firstDay);
    if (start === undefined) throw new GridError(`${symbol}: first bar ${dateOfDay(firstDay)} is not a session of the grid`);
    for (let i = 0; i < c.length; i += 1) {
      const day = sessionDayOf(c.ts[i] as number);
      if (gridDays[start + i] !== day) throw new GridError(`${symbol}: bar ${dateOfDay(day)} is not session ${dates[start + i] ?? '(past the grid)'}`);
    }
    const end = start + c.length;
    series.set(symbol, { symbol, start, dates: dates.slice(start, end), days: gridDays.slice(start, end), open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume });
  }
  return { dates, symbols: symbols.filter((s) => series.has(s)), series };
}

/** The same from bars. */
export function assembleMarket(dates: readonly string[], symbols: readonly string[], bars: ReadonlyMap<string, readonly Bar[]>): MarketData {
  return assembleMarketColumns(dates, symbols, new Map([...bars].map(([symbol, list]) => [symbol, columnsFromBars(list)])));
}
