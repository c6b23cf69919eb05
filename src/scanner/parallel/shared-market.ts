/**
 * @module Market data in SharedArrayBuffers, so worker threads read the same bars with no copy: one buffer per
 * column for all series end to end, plus the metadata (grid dates, universe, each series' offset and length).
 */
import type { MarketData } from '../market-data.ts';
import type { Series } from '../series.ts';

export interface PackedMarket {
  readonly dates: readonly string[];
  readonly symbols: readonly string[];
  readonly entries: ReadonlyArray<{
    readonly symbol: string;
    readonly start: number;
    readonly offset: number;
    readonly length: number;
  }>;
  readonly columns: {
    readonly open: SharedArrayBuffer;
    readonly high: SharedArrayBuffer;
    readonly low: SharedArrayBuffer;
    readonly close: SharedArrayBuffer;
    readonly volume: SharedArrayBuffer;
    readonly days: SharedArrayBuffer;
  };
}

const FIELDS = ['open', 'high', 'low', 'close', 'volume'] as const;

export function packMarket(market: MarketData): PackedMarket {
  const list = [...market.series.values()];
  const total = list.reduce((a, s) => a + s.close.length, 0);
  const f64 = () => new SharedArrayBuffer(Math.max(8, total * 8));
  const columns = {
    open: f64(),
    high: f64(),
    low: f64(),
    close: f64(),
    volume: f64(),
    days: new SharedArrayBuffer(Math.max(4, total * 4)),
  };
  const views = Object.fromEntries(FIELDS.map((f) => [f, new Float64Array(columns[f])])) as Record<
    (typeof FIELDS)[number],
    Float64Array
  >;
  const days = new Int32Array(columns.days);
  let offset = 0;
  const entries = list.map((s) => {
    for (const f of FIELDS) views[f].set(s[f], offset);
    days.set(s.days, offset);
    const entry = { symbol: s.symbol, start: s.start, offset, length: s.close.length };
    offset += s.close.length;
    return entry;
  });
  return { dates: market.dates, symbols: market.symbols, entries, columns };
}

export function unpackMarket(p: PackedMarket): MarketData {
  const series = new Map<string, Series>();
  for (const e of p.entries) {
    const view = (b: SharedArrayBuffer) => new Float64Array(b, e.offset * 8, e.length);
    series.set(e.symbol, {
      symbol: e.symbol,
      start: e.start,
      dates: p.dates.slice(e.start, e.start + e.length),
      days: new Int32Array(p.columns.days, e.offset * 4, e.length),
      open: view(p.columns.open),
      high: view(p.columns.high),
      low: view(p.columns.low),
      close: view(p.columns.close),
      volume: view(p.columns.volume),
    });
  }
  return { dates: p.dates, symbols: p.symbols, series };
}
