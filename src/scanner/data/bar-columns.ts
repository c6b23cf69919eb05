/**
 * @module Daily bars as columns (one Float64Array per field), the scan's data stage from the cache file to the
 * session grid: a million bars as six typed arrays instead of a million objects (issue 19: building, filtering and
 * collecting those objects was most of a warm scan's data stage). Views share memory; nothing here mutates a column.
 */
import type { Bar } from '../../domain/account.ts';

export interface BarColumns {
  readonly length: number;
  readonly ts: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

export const BAR_FIELDS = ['ts', 'open', 'high', 'low', 'close', 'volume'] as const;

const HALF_DAY_MS = 43_200_000;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a bar's session date (the UTC date of its timestamp plus 12 hours; see bar-date.ts). */
export const sessionDayOf = (ts: number): number => Math.floor((ts + HALF_DAY_MS) / DAY_MS);

/** Six columns of `length` values, each a view of `values` (ts first, then open, high, low, close, volume). */
export function columnsOfBlock(values: Float64Array, length: number): BarColumns {
  const at = (k: number) => values.subarray(k * length, (k + 1) * length);
  return { length, ts: at(0), open: at(1), high: at(2), low: at(3), close: at(4), volume: at(5) };
}

export function columnsFromBars(bars: readonly Bar[]): BarColumns {
  const n = bars.length;
  const c = columnsOfBlock(new Float64Array(6 * n), n);
  for (let i = 0; i < n; i += 1) {
    const b = bars[i] as Bar;
    c.ts[i] = b.ts;
    c.open[i] = b.open;
    c.high[i] = b.high;
    c.low[i] = b.low;
    c.close[i] = b.close;
    c.volume[i] = b.volume;
  }
  return c;
}

export function barAt(c: BarColumns, i: number): Bar {
  return { ts: c.ts[i] as number, open: c.open[i] as number, high: c.high[i] as number, low: c.low[i] as number, close: c.close[i] as number, volume: c.volume[i] as number };
}

export function barsFromColumns(c: BarColumns): Bar[] {
  const bars = new Array<Bar>(c.length);
  for (let i = 0; i < c.length; i += 1) bars[i] = barAt(c, i);
  return bars;
}

/** Bars [from, to) as views (no copy). */
export function sliceColumns(c: BarColumns, from: number, to: number): BarColumns {
  const view = (col: Float64Array) => col.subarray(from, to);
  return { length: Math.max(0, to - from), ts: view(c.ts), open: view(c.open), high: view(c.high), low: view(c.low), close: view(c.close), volume: view(c.volume) };
}

/** The bars that pass `keep`, in order: views when they form one run (sorted bars and a date window), else a copy. */
export function filterColumns(c: BarColumns, keep: (i: number) => boolean): BarColumns {
  let first = -1;
  let last = -1;
  let count = 0;
  for (let i = 0; i < c.length; i += 1) {
    if (!keep(i)) continue;
    if (first < 0) first = i;
    last = i;
    count += 1;
  }
  if (count === 0) return sliceColumns(c, 0, 0);
  if (last - first + 1 === count) return sliceColumns(c, first, last + 1);
  const bars: Bar[] = [];
  for (let i = first; i <= last; i += 1) if (keep(i)) bars.push(barAt(c, i));
  return columnsFromBars(bars);
}
