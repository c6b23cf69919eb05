/**
 * @module A symbol's daily bars as columns (Float64Array), aligned to the universe's session grid:
 * bar i is the session at grid index `start + i`. Strategies and backtests read only these columns.
 */
import type { Bar } from '../domain/account.ts';

export interface Series {
  readonly symbol: string;
  /** Grid index of bar 0 (series are contiguous runs of sessions: the validator rejects gaps). */
  readonly start: number;
  /** New York session dates, YYYY-MM-DD. */
  readonly dates: readonly string[];
  /** Days since 1970-01-01 of each session date (for calendar-day arithmetic such as the time stop). */
  readonly days: Int32Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

const DAY_MS = 86_400_000;

/** Days since the epoch of a YYYY-MM-DD date. */
export function dayNumber(date: string): number {
  return Math.round(
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) /
      DAY_MS,
  );
}

/** Builds a series from bars already matched to their session dates (same length, same order). */
export function seriesFromBars(
  symbol: string,
  start: number,
  dates: readonly string[],
  bars: readonly Bar[],
): Series {
  const n = bars.length;
  const s: Series = {
    symbol,
    start,
    dates,
    days: Int32Array.from(dates, dayNumber),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  bars.forEach((b, i) => {
    s.open[i] = b.open;
    s.high[i] = b.high;
    s.low[i] = b.low;
    s.close[i] = b.close;
    s.volume[i] = b.volume;
  });
  return s;
}

/** The first `length` bars (a view: no copy). */
export function truncateSeries(s: Series, length: number): Series {
  const n = Math.max(0, Math.min(length, s.close.length));
  return {
    symbol: s.symbol,
    start: s.start,
    dates: s.dates.slice(0, n),
    days: s.days.subarray(0, n),
    open: s.open.subarray(0, n),
    high: s.high.subarray(0, n),
    low: s.low.subarray(0, n),
    close: s.close.subarray(0, n),
    volume: s.volume.subarray(0, n),
  };
}
