/**
 * @module Market data in SharedArrayBuffers, so worker threads read the same bars with no copy. A column already in
 * shared memory (the bar cache reads its files into SharedArrayBuffers) travels as it is; any other is copied
 * into one. Each series' session days come from the grid's dates, which travel with the market.
 */
import type { MarketData } from '../market-data.ts';
import { dayNumber, type Series } from '../series.ts';

/** A Float64 column in shared memory: its buffer and where it starts in it (the length is the series'). */
interface PackedColumn {
  readonly buffer: SharedArrayBuffer;
  readonly byteOffset: number;
}

type Field = 'open' | 'high' | 'low' | 'close' | 'volume';

interface PackedSeries extends Record<Field, PackedColumn> {
  readonly symbol: string;
  readonly start: number;
  readonly length: number;
}

export interface PackedMarket {
  readonly dates: readonly string[];
  readonly symbols: readonly string[];
  readonly series: readonly PackedSeries[];
}

function packColumn(column: Float64Array): PackedColumn {
  if (column.buffer instanceof SharedArrayBuffer)
    return { buffer: column.buffer, byteOffset: column.byteOffset };
  const buffer = new SharedArrayBuffer(Math.max(8, column.byteLength));
  new Float64Array(buffer).set(column);
  return { buffer, byteOffset: 0 };
}

export function packMarket(market: MarketData): PackedMarket {
  const series = [...market.series.values()].map((s) => ({
    symbol: s.symbol,
    start: s.start,
    length: s.close.length,
    open: packColumn(s.open),
    high: packColumn(s.high),
    low: packColumn(s.low),
    close: packColumn(s.close),
    volume: packColumn(s.volume),
  }));
  return { dates: market.dates, symbols: market.symbols, series };
}

export function unpackMarket(p: PackedMarket): MarketData {
  const gridDays = Int32Array.from(p.dates, dayNumber);
  const series = new Map<string, Series>();
  for (const e of p.series) {
    const view = (c: PackedColumn) => new Float64Array(c.buffer, c.byteOffset, e.length);
    series.set(e.symbol, {
      symbol: e.symbol,
      start: e.start,
      dates: p.dates.slice(e.start, e.start + e.length),
      days: gridDays.subarray(e.start, e.start + e.length),
      open: view(e.open),
      high: view(e.high),
      low: view(e.low),
      close: view(e.close),
      volume: view(e.volume),
    });
  }
  return { dates: p.dates, symbols: p.symbols, series };
}
